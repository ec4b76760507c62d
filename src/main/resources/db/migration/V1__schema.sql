-- rectrack schema. Written once to run unchanged on H2 2.x and PostgreSQL 13+.
-- Identifiers come from sequences (allocation 50) so Hibernate can batch inserts.

create sequence theme_seq start with 1 increment by 50;
create sequence institution_seq start with 1 increment by 50;
create sequence report_seq start with 1 increment by 50;
create sequence recommendation_seq start with 1 increment by 50;
create sequence assessment_seq start with 1 increment by 50;
create sequence progress_update_seq start with 1 increment by 50;

create table theme (
    id          bigint        not null primary key,
    code        varchar(64)   not null,
    label       varchar(200)  not null,
    description varchar(2000),
    version     bigint        not null,
    created_at  timestamp(6) with time zone not null,
    updated_at  timestamp(6) with time zone not null,
    constraint theme_code_uk unique (code)
);

create table institution (
    id          bigint        not null primary key,
    code        varchar(64)   not null,
    name        varchar(200)  not null,
    country     varchar(2)    not null,
    kind        varchar(32)   not null,
    version     bigint        not null,
    created_at  timestamp(6) with time zone not null,
    updated_at  timestamp(6) with time zone not null,
    constraint institution_code_uk unique (code)
);

create table report (
    id            bigint        not null primary key,
    reference     varchar(64)   not null,
    title         varchar(300)  not null,
    issuer        varchar(200)  not null,
    country       varchar(2)    not null,
    kind          varchar(100),
    election_date date,
    published_on  date,
    url           varchar(2048),
    archived      boolean       not null,
    version       bigint        not null,
    created_at    timestamp(6) with time zone not null,
    updated_at    timestamp(6) with time zone not null,
    constraint report_reference_uk unique (reference)
);
create index report_country_ix on report (country);

create table recommendation (
    id                 bigint        not null primary key,
    reference          varchar(64)   not null,
    report_id          bigint        not null references report (id),
    number             integer       not null,
    text               varchar(4000) not null,
    priority           boolean       not null,
    target_date        date,
    response           varchar(32)   not null,
    repeats_id         bigint        references recommendation (id),
    archived           boolean       not null,
    -- derived from the histories, kept current by the service in the writing transaction
    status             varchar(32)   not null,
    status_assessed_on date,
    latest_issuer_id        bigint,
    latest_government_id    bigint,
    latest_civil_society_id bigint,
    latest_other_id         bigint,
    latest_progress_id      bigint,
    version            bigint        not null,
    created_at         timestamp(6) with time zone not null,
    updated_at         timestamp(6) with time zone not null,
    constraint recommendation_reference_uk unique (reference)
);
create index recommendation_report_ix on recommendation (report_id, number, id);
create index recommendation_number_ix on recommendation (number, id);
create index recommendation_status_ix on recommendation (status, id);
create index recommendation_target_date_ix on recommendation (target_date, id);
create index recommendation_updated_at_ix on recommendation (updated_at, id);
create index recommendation_response_ix on recommendation (response, id);
create index recommendation_priority_ix on recommendation (priority, id);
create index recommendation_archived_ix on recommendation (archived, id);
create index recommendation_repeats_ix on recommendation (repeats_id);

create table recommendation_theme (
    recommendation_id bigint not null references recommendation (id),
    theme_id          bigint not null references theme (id),
    primary key (recommendation_id, theme_id)
);
create index recommendation_theme_theme_ix on recommendation_theme (theme_id, recommendation_id);

create table recommendation_addressee (
    recommendation_id bigint not null references recommendation (id),
    institution_id    bigint not null references institution (id),
    primary key (recommendation_id, institution_id)
);
create index recommendation_addressee_institution_ix on recommendation_addressee (institution_id, recommendation_id);

create table assessment (
    id                bigint        not null primary key,
    recommendation_id bigint        not null references recommendation (id),
    status            varchar(32)   not null,
    raw_status        varchar(100),
    assessor_type     varchar(32)   not null,
    assessor_name     varchar(200),
    assessed_on       date          not null,
    source            varchar(500),
    rationale         varchar(4000),
    evidence          varchar(12000),
    recorded_at       timestamp(6) with time zone not null,
    recorded_by       varchar(200)  not null
);
create index assessment_recommendation_ix on assessment (recommendation_id, assessed_on, recorded_at, id);

create table progress_update (
    id                bigint        not null primary key,
    recommendation_id bigint        not null references recommendation (id),
    institution_id    bigint        not null references institution (id),
    stage             varchar(32)   not null,
    percent_complete  integer,
    summary           varchar(4000) not null,
    reported_on       date          not null,
    evidence          varchar(12000),
    recorded_at       timestamp(6) with time zone not null,
    recorded_by       varchar(200)  not null
);
create index progress_update_recommendation_ix on progress_update (recommendation_id, reported_on, recorded_at, id);
create index progress_update_institution_ix on progress_update (institution_id);

alter table recommendation add constraint recommendation_latest_issuer_fk foreign key (latest_issuer_id) references assessment (id);
alter table recommendation add constraint recommendation_latest_government_fk foreign key (latest_government_id) references assessment (id);
alter table recommendation add constraint recommendation_latest_civil_society_fk foreign key (latest_civil_society_id) references assessment (id);
alter table recommendation add constraint recommendation_latest_other_fk foreign key (latest_other_id) references assessment (id);
alter table recommendation add constraint recommendation_latest_progress_fk foreign key (latest_progress_id) references progress_update (id);
