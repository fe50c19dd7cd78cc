-- 0005: enrollment is repeatable.
--
-- `aird enroll` creates or reuses a watchlist by name (already unique) and a subject by (watchlist, display name),
-- and adds one face per source image and model version. Running the same enrollment again must add nothing, so:
--   * a subject's display name is unique within its watchlist (the name is how an operator enrolls into it);
--   * a face remembers the SHA-256 of the image file it was computed from, and a subject holds at most one face per
--     (model version, source image). The hash identifies a file without keeping any of it; faces written without
--     one (by other tools) stay NULL, which the unique key does not compare, so they are unaffected.

ALTER TABLE subjects ADD CONSTRAINT subjects_watchlist_display_name UNIQUE (watchlist_id, display_name);

ALTER TABLE subject_faces ADD COLUMN source_sha256 bytea CHECK (octet_length(source_sha256) = 32);

ALTER TABLE subject_faces
    ADD CONSTRAINT subject_faces_source UNIQUE (subject_id, model_version, source_sha256);
