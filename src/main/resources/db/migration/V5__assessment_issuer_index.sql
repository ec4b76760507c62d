-- Statistics as of a past day look up each recommendation's latest ISSUER assessment by date.
create index assessment_type_date_ix on assessment (recommendation_id, assessor_type, assessed_on, recorded_at, id);
