-- 0003: alerts raised by the matcher and the recognizer's per-camera FaceBN state.

-- One row per alert (per track and cooldown window, not per frame). The alert id comes from the matcher's
-- decision, so re-publishing after a crash does not raise the same alert twice.
CREATE TABLE alerts (
    alert_id        text        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('match', 'unknown')),
    camera_id       text        NOT NULL,
    track_id        text        NOT NULL,
    -- The best sighting of the track (sightings.face_id); no foreign key because retention drops sightings
    -- partitions while alerts are kept longer.
    face_id         text        NOT NULL,
    -- Kept, as NULL, when the watchlist or subject is deleted later: the alert history stays.
    watchlist_id    uuid        REFERENCES watchlists ON DELETE SET NULL,
    subject_id      uuid        REFERENCES subjects ON DELETE SET NULL,
    similarity      real        NOT NULL,
    -- Best minus second-best subject similarity.
    margin          real        NOT NULL,
    first_seen      timestamptz NOT NULL,
    last_seen       timestamptz NOT NULL,
    sightings       integer     NOT NULL CHECK (sightings > 0),
    raised_at       timestamptz NOT NULL DEFAULT now(),
    acknowledged_by text,
    acknowledged_at timestamptz,
    CHECK (last_seen >= first_seen)
);

CREATE INDEX alerts_raised ON alerts (raised_at);
CREATE INDEX alerts_camera_raised ON alerts (camera_id, raised_at);
CREATE INDEX alerts_subject ON alerts (subject_id) WHERE subject_id IS NOT NULL;

-- Per-camera BatchNorm statistics of the student model (FaceBN). Only the recognizer that owns the camera's
-- Kafka partition writes its row; after a rebalance or restart the new owner resumes from it.
-- Statistics of one model version mean nothing to another, hence the model version in the key.
CREATE TABLE facebn_state (
    camera_id     text        NOT NULL,
    model_version text        NOT NULL,
    -- Serialised running mean/var of every BN layer; the format belongs to the recognizer.
    state         bytea       NOT NULL,
    faces_seen    bigint      NOT NULL DEFAULT 0 CHECK (faces_seen >= 0),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (camera_id, model_version)
);
