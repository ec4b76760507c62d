-- The change feed. Every write appends its events in its own transaction, after taking the next
-- numbers from change_counter: the counter row stays locked until that transaction commits, so
-- sequence numbers become visible strictly in order and without gaps, on every instance.
create table change_counter (
    id             integer not null primary key,
    last_seq       bigint  not null,
    -- events up to and including this one have been pruned
    pruned_through bigint  not null
);
insert into change_counter (id, last_seq, pruned_through) values (1, 0, 0);

create table change_event (
    seq      bigint       not null primary key,
    type     varchar(32)  not null,
    action   varchar(16)  not null,
    item_key varchar(130) not null,
    at       timestamp(6) with time zone not null
);
create index change_event_at_ix on change_event (at);
