-- 0001: pgvector, cameras, watchlists and their enrolled subjects.
--
-- Embedding dimension D = 128 throughout this schema. It is the embedding space of the teacher, the dlib ResNet
-- face embedder (150x150 -> 128-d); the student is distilled into that same space, so teacher and student
-- embeddings are comparable and every table stores vector(128). A model with another D needs a new migration.
-- Embeddings are L2-normalised by the recognizer, so cosine distance (<=>) is the metric of every index.

-- pgvector is not a trusted extension: only a superuser can create it. The deployment creates it as the server's
-- superuser (in template1, so every database created afterwards has it); IF NOT EXISTS then makes this line a no-op
-- for the unprivileged application role, and on a bare database it fails with PostgreSQL's own clear message.
CREATE EXTENSION IF NOT EXISTS vector;

-- Cameras administered through the API. Cameras may also come from a configuration file, so nothing else
-- references this table with a foreign key: a sighting from a camera that exists only in a file must still be stored.
CREATE TABLE cameras (
    camera_id    text        PRIMARY KEY,
    display_name text        NOT NULL,
    location     text,
    -- May carry credentials (rtsp://user:pass@...): only admins and integrators are shown this column.
    source_uri   text        NOT NULL,
    -- Faces smaller than this (pixels, box height) are not sent for recognition.
    min_face_px  integer     NOT NULL DEFAULT 16 CHECK (min_face_px > 0),
    enabled      boolean     NOT NULL DEFAULT true,
    -- Ingest settings that have no column of their own (tile size, frame rate cap, ...).
    settings     jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Each watchlist carries its own decision thresholds (cosine similarity in [-1, 1]):
--   best >= match_threshold and best - second_best >= margin  -> match alert;
--   best <  unknown_threshold and alert_on_unknown             -> unknown-face alert;
--   anything in between                                        -> no alert (ambiguous).
-- Alerts of one track are aggregated and repeated at most once per cooldown.
CREATE TABLE watchlists (
    watchlist_id      uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name              text        NOT NULL UNIQUE,
    description       text,
    match_threshold   real        NOT NULL CHECK (match_threshold BETWEEN -1 AND 1),
    unknown_threshold real        NOT NULL CHECK (unknown_threshold BETWEEN -1 AND 1),
    margin            real        NOT NULL DEFAULT 0 CHECK (margin >= 0),
    alert_on_unknown  boolean     NOT NULL DEFAULT false,
    cooldown          interval    NOT NULL DEFAULT '5 minutes' CHECK (cooldown >= interval '0'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- An unknown threshold above the match threshold would make one face both known and unknown.
    CONSTRAINT watchlists_thresholds_ordered CHECK (unknown_threshold <= match_threshold)
);

-- A person enrolled on one watchlist. Deleting the watchlist deletes its subjects and their faces.
CREATE TABLE subjects (
    subject_id   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    watchlist_id uuid        NOT NULL REFERENCES watchlists ON DELETE CASCADE,
    display_name text        NOT NULL,
    -- Identifier in the operator's own system (case number, badge number, ...).
    external_ref text,
    notes        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX subjects_watchlist ON subjects (watchlist_id);

-- Enrolled face images of a subject, as embeddings. Several per subject (angles, ages, lighting).
CREATE TABLE subject_faces (
    subject_face_id uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    subject_id      uuid        NOT NULL REFERENCES subjects ON DELETE CASCADE,
    embedding       vector(128) NOT NULL,
    -- Embeddings of different models are not comparable: matching only compares equal model versions.
    model_version   text        NOT NULL,
    quality         real,
    -- Small enrollment picture shown to operators next to an alert.
    thumbnail       bytea CHECK (octet_length(thumbnail) <= 65536),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX subject_faces_subject ON subject_faces (subject_id);
-- Watchlists are usually small enough for an exact scan; the index keeps matching fast when one is not.
CREATE INDEX subject_faces_embedding_hnsw ON subject_faces USING hnsw (embedding vector_cosine_ops);
