-- 0002: sightings, one row per recognised face crop, partitioned by capture day.
--
-- Retention is a partition drop: deleting a day of faces is DROP TABLE, immediate and complete (no dead tuples
-- left for VACUUM, no index entries lingering in the HNSW graph). Partitions are one UTC day each, named
-- sightings_pYYYYMMDD. The writer creates the days it needs with aird_ensure_sighting_partition; a row whose day
-- has no partition lands in sightings_default rather than being refused, so a missed partition never loses a face.

CREATE TABLE sightings (
    -- Natural key chosen by the ingest worker; a replayed message carries the same face id and capture time.
    face_id       text        NOT NULL,
    camera_id     text        NOT NULL,
    captured_at   timestamptz NOT NULL,
    track_id      text        NOT NULL,
    -- Face box in source-frame pixels.
    bbox_x        real        NOT NULL,
    bbox_y        real        NOT NULL,
    bbox_width    real        NOT NULL CHECK (bbox_width > 0),
    bbox_height   real        NOT NULL CHECK (bbox_height > 0),
    quality       real        NOT NULL,
    model_version text        NOT NULL,
    embedding     vector(128) NOT NULL,
    -- Optional small picture for the operator console; kept small because it is stored per sighting.
    thumbnail     bytea CHECK (octet_length(thumbnail) <= 16384),
    stored_at     timestamptz NOT NULL DEFAULT now(),
    -- A unique key on a partitioned table must contain the partition key. The face id is derived from the
    -- capture, so (face_id, captured_at) is as unique as face_id alone and makes writes idempotent.
    PRIMARY KEY (face_id, captured_at)
) PARTITION BY RANGE (captured_at);

-- Indexes on the parent are created on every partition, present and future.
-- HNSW over cosine distance: pgvector 0.8.0 builds one graph per partition; a search on the parent merges the
-- per-partition ordered index scans (Merge Append), and a time-range search only visits that range's partitions.
-- With small partitions the planner prefers a sequential scan and sort, so approximate searches turn sequential
-- scans off for their transaction (see SightingStore).
CREATE INDEX sightings_embedding_hnsw ON sightings USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
-- "What did camera X see between t0 and t1", and the filter of searches restricted to a camera.
CREATE INDEX sightings_camera_time ON sightings (camera_id, captured_at);

CREATE TABLE sightings_default PARTITION OF sightings DEFAULT;

-- Creates the partition of one UTC day if it does not exist, moving any rows of that day out of the default
-- partition first (attaching a range that the default partition still holds rows of would fail).
-- Returns true when it created the partition. Safe to call concurrently from several writers.
CREATE FUNCTION aird_ensure_sighting_partition(day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    partition_name text := format('sightings_p%s', to_char(day, 'YYYYMMDD'));
    -- Bounds as timestamptz at UTC midnight, independent of the session's TimeZone.
    lower_bound timestamptz := day::timestamp AT TIME ZONE 'UTC';
    upper_bound timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    -- Serialise creators; the second one finds the table made by the first.
    PERFORM pg_advisory_xact_lock(hashtext('aird_ensure_sighting_partition'));
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;

    EXECUTE format('CREATE TABLE %I (LIKE sightings INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
    EXECUTE format(
        'WITH moved AS (DELETE FROM sightings_default WHERE captured_at >= $1 AND captured_at < $2 RETURNING *) '
        'INSERT INTO %I SELECT * FROM moved', partition_name)
        USING lower_bound, upper_bound;
    -- Attaching builds the partition's share of every parent index (HNSW included) over the moved rows.
    EXECUTE format('ALTER TABLE sightings ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   partition_name, lower_bound, upper_bound);
    RETURN true;
END;
$$;

-- Retention: drops every day partition that ends on or before the cutoff day (UTC) and deletes the default
-- partition's rows older than it. Returns the number of partitions dropped.
CREATE FUNCTION aird_drop_sighting_partitions_before(cutoff date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    partition_name text;
    dropped integer := 0;
BEGIN
    FOR partition_name IN
        SELECT child.relname
        FROM pg_inherits
        JOIN pg_class child ON child.oid = pg_inherits.inhrelid
        WHERE pg_inherits.inhparent = 'sightings'::regclass
          AND child.relname ~ '^sightings_p[0-9]{8}$'
          AND to_date(substr(child.relname, 12), 'YYYYMMDD') < cutoff
        ORDER BY child.relname
    LOOP
        EXECUTE format('DROP TABLE %I', partition_name);
        dropped := dropped + 1;
    END LOOP;
    DELETE FROM sightings_default WHERE captured_at < cutoff::timestamp AT TIME ZONE 'UTC';
    RETURN dropped;
END;
$$;
