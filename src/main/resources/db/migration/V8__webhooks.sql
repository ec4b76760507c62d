-- Webhooks (DESIGN.md "Webhooks"). The secret signs every delivery, so it is kept as it is (a hash
-- could not sign); it never leaves the server after the answer that created or rotated it. During a
-- rotation the previous secret signs too, until previous_secret_until. A deleted webhook keeps its
-- row (deleted_at): an outbox row written by an instance that had not heard of the deletion yet still
-- has its parent, and is never sent.

create sequence webhook_seq start with 1 increment by 50;

create table webhook (
    id                    bigint        not null primary key,
    url                   varchar(2048) not null,
    description           varchar(500),
    -- feed types, comma-separated, or *
    events                varchar(200)  not null,
    filter_reports        varchar(4000),
    filter_countries      varchar(400),
    filter_themes         varchar(4000),
    filter_addressees     varchar(4000),
    active                boolean       not null,
    disabled_reason       varchar(500),
    disabled_at           timestamp(6) with time zone,
    secret                varchar(100)  not null,
    previous_secret       varchar(100),
    previous_secret_until timestamp(6) with time zone,
    created_by            varchar(100)  not null,
    version               bigint        not null,
    created_at            timestamp(6) with time zone not null,
    updated_at            timestamp(6) with time zone not null,
    deleted_at            timestamp(6) with time zone
);

-- The outbox: one row per (webhook, event), written in the transaction of the change it announces.
-- The body is the event as the feed served it at that moment, so every attempt sends the same bytes.
-- Workers claim the lowest PENDING seq of each webhook (select ... for update skip locked) and lease it
-- until lease_until while they send.
create sequence webhook_delivery_seq start with 1 increment by 50;

create table webhook_delivery (
    id              bigint       not null primary key,
    webhook_id      bigint       not null,
    seq             bigint       not null,
    event_type      varchar(32)  not null,
    event_action    varchar(16)  not null,
    event_key       varchar(130) not null,
    body            varchar(1000000) not null,
    state           varchar(16)  not null,
    -- attempts since the delivery was (re)queued: they index the retry schedule
    attempts        integer      not null,
    next_attempt_at timestamp(6) with time zone not null,
    lease_until     timestamp(6) with time zone,
    created_at      timestamp(6) with time zone not null,
    delivered_at    timestamp(6) with time zone,
    -- when an admin last queued it again (POST .../retry)
    requeued_at     timestamp(6) with time zone,
    constraint webhook_delivery_webhook_fk foreign key (webhook_id) references webhook (id),
    constraint webhook_delivery_event_uk unique (webhook_id, seq)
);
create index webhook_delivery_head_ix on webhook_delivery (webhook_id, state, seq);
create index webhook_delivery_due_ix on webhook_delivery (state, next_attempt_at);
create index webhook_delivery_created_ix on webhook_delivery (created_at);

-- The delivery log: every attempt, successful or not.
create sequence webhook_attempt_seq start with 1 increment by 50;

create table webhook_attempt (
    id           bigint       not null primary key,
    delivery_id  bigint       not null,
    attempted_at timestamp(6) with time zone not null,
    status_code  integer,
    duration_ms  integer      not null,
    error        varchar(500),
    constraint webhook_attempt_delivery_fk foreign key (delivery_id) references webhook_delivery (id)
);
create index webhook_attempt_delivery_ix on webhook_attempt (delivery_id, id);
