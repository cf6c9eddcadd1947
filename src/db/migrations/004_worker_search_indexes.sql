-- Roster search (bench/roster-search.ts, 1M workers on PostgreSQL 15). Subtrees of worker rows are
-- queried as a range of 12-digit codes (`region_code between '370000000000' and '379999999999'`),
-- which a plain btree serves under any collation, and which also delivers rows in `region_code, id`
-- order: the first page of a province is read off the index instead of sorting a million rows.
create index worker_region_order on worker (region_code, id);
-- The count of a filtered county search is an index-only scan of the matches.
create index worker_search_filters on worker (region_code, status, gender, education);
