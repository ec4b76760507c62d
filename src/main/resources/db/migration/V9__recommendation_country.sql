-- The country filter and the sorted lists, served from indexes (docs/benchmarks.md, "Dashboards").
-- A recommendation's country is its report's, copied here so that "country = ? order by reference"
-- can read one index in order instead of walking every reference and joining each one's report.
alter table recommendation add column country varchar(2);
update recommendation set country = (select rep.country from report rep where rep.id = recommendation.report_id);
alter table recommendation alter column country set not null;
create index recommendation_country_ix on recommendation (country, reference, id);

-- Lists are sorted by (reference, id): an index on both lets H2 read a page in order rather than sort
-- the whole table (the unique index on reference alone is "sorted on 1 of 2 columns" to it).
create index recommendation_reference_ix on recommendation (reference, id);

-- Indexes on columns with a handful of values: no list or statistic reads them (PostgreSQL never
-- chose them; H2 took the archived one for "archived = false", 99 % of the rows, and then sorted
-- everything), and every write maintains them.
drop index recommendation_archived_ix;
drop index recommendation_status_ix;
drop index recommendation_priority_ix;
drop index recommendation_response_ix;
