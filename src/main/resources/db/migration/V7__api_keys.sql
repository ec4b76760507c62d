-- API keys (DESIGN.md "Security"). The secret itself is never stored: only the hex SHA-256 of the
-- whole key, which is enough for 32 random bytes (nobody can guess a preimage) and lets a lookup be
-- one hash. A reporter's key names the institutions it may report for.

create sequence api_key_seq start with 1 increment by 50;

create table api_key (
    id                    bigint        not null primary key,
    name                  varchar(100)  not null,
    role                  varchar(16)   not null,
    secret_hash           varchar(64)   not null,
    rate_limit_per_minute integer,
    created_by            varchar(100)  not null,
    created_at            timestamp(6) with time zone not null,
    expires_at            timestamp(6) with time zone,
    last_used_at          timestamp(6) with time zone,
    revoked_at            timestamp(6) with time zone,
    constraint api_key_secret_hash_uk unique (secret_hash)
);

create table api_key_institution (
    api_key_id     bigint not null,
    institution_id bigint not null,
    constraint api_key_institution_pk primary key (api_key_id, institution_id),
    constraint api_key_institution_key_fk foreign key (api_key_id) references api_key (id),
    constraint api_key_institution_institution_fk foreign key (institution_id) references institution (id)
);
