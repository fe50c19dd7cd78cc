-- 0004: people and machines that use the API, and the audit log of what they did.

-- operator: watches live alerts; analyst: searches past sightings; integrator: manages cameras and integrations
-- through API keys; admin: everything, including users and watchlists.
CREATE TYPE aird_role AS ENUM ('operator', 'integrator', 'analyst', 'admin');

CREATE TABLE users (
    user_id       uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    username      text        NOT NULL,
    display_name  text,
    role          aird_role   NOT NULL,
    -- A slow, salted password hash in PHC string form ($pbkdf2-sha256$..., $argon2id$...); never the password.
    password_hash text        NOT NULL,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_login_at timestamptz
);

-- Usernames are compared case-insensitively.
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE api_keys (
    api_key_id   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The first characters of the key as shown to its owner, to tell keys apart; not secret on their own.
    key_prefix   text        NOT NULL UNIQUE,
    -- SHA-256 of the whole key. Keys are long random strings, so a fast hash is enough (unlike passwords),
    -- and it lets every request be checked with one index lookup.
    key_sha256   bytea       NOT NULL UNIQUE CHECK (octet_length(key_sha256) = 32),
    role         aird_role   NOT NULL,
    -- The person responsible for the key; NULL for keys of a deleted user, which are revoked with it.
    owner_id     uuid        REFERENCES users ON DELETE SET NULL,
    description  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

-- Who searched for whom, who changed what. Query parameters are kept so that a search can be audited, but
-- never biometric data: no embeddings, no images (the check below refuses the obvious keys; the API must
-- leave them out in the first place).
CREATE TABLE audit_log (
    audit_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    -- Username, or "api-key:<prefix>" for machine callers. Text, not a foreign key: the log outlives accounts.
    actor      text        NOT NULL,
    role       aird_role   NOT NULL,
    -- Dotted verb, e.g. "sightings.search", "watchlist.enroll", "camera.update".
    action     text        NOT NULL,
    -- What the action was about (a subject id, a camera id, ...).
    target     text,
    params     jsonb       NOT NULL DEFAULT '{}',
    outcome    text        NOT NULL DEFAULT 'ok',
    client     inet,
    CONSTRAINT audit_log_no_biometrics CHECK (
        NOT params ?| ARRAY['embedding', 'embeddings', 'vector', 'image', 'images', 'thumbnail', 'face_image'])
);

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);
