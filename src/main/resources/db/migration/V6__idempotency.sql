-- Idempotency-Key records (DESIGN.md "Idempotency"). One row per caller and key, shared by every
-- instance. Inserting the row is the claim: the primary key lets exactly one of several requests
-- with the same key do the work; the others wait for its answer and replay it.

create table idempotency_record (
    caller          varchar(200)  not null,
    idempotency_key varchar(255)  not null,
    -- hex SHA-256 of method, path, query, content type and body of the first request
    fingerprint     varchar(64)   not null,
    -- IN_PROGRESS while the first request runs, DONE once its answer is stored
    state           varchar(16)   not null,
    -- only the request holding this token may store the answer or let the key go
    claim_token     varchar(36)   not null,
    status          integer,
    -- the replayed headers (Content-Type, Location, ETag), one "Name: value" per line
    headers         varchar(4000),
    body            bytea,
    created_at      timestamp(6) with time zone not null,
    claimed_at      timestamp(6) with time zone not null,
    completed_at    timestamp(6) with time zone,
    constraint idempotency_record_pk primary key (caller, idempotency_key)
);
create index idempotency_record_created_at_ix on idempotency_record (created_at);
