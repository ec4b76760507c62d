-- The chapters of an election observation report. Every deployment starts with these themes;
-- ids come from the sequence's first allocation block.
insert into theme (id, code, label, description, version, created_at, updated_at) values
 (1,  'legal-framework',         'Legal framework',                 'Constitution, election law and their compliance with international commitments.', 0, current_timestamp, current_timestamp),
 (2,  'election-administration', 'Election administration',         'Independence, impartiality, transparency and capacity of election bodies.', 0, current_timestamp, current_timestamp),
 (3,  'voter-registration',      'Voter registration',              'Accuracy and inclusiveness of voter lists.', 0, current_timestamp, current_timestamp),
 (4,  'candidate-registration',  'Candidate registration',          'Parties and candidates: eligibility, registration and deregistration.', 0, current_timestamp, current_timestamp),
 (5,  'campaign-environment',    'Campaign environment',            'Fundamental freedoms of assembly, association and expression during the campaign.', 0, current_timestamp, current_timestamp),
 (6,  'campaign-finance',        'Campaign finance',                'Donations, spending limits, reporting and oversight.', 0, current_timestamp, current_timestamp),
 (7,  'media',                   'Media',                           'Media freedom, access to media and coverage of the campaign.', 0, current_timestamp, current_timestamp),
 (8,  'complaints-and-appeals',  'Complaints and appeals',          'Electoral dispute resolution by election bodies and courts.', 0, current_timestamp, current_timestamp),
 (9,  'observers',               'Citizen and international observers', 'Access and rights of citizen and international observers.', 0, current_timestamp, current_timestamp),
 (10, 'election-day',            'Election day',                    'Voting, counting, tabulation and announcement of results.', 0, current_timestamp, current_timestamp),
 (11, 'participation-of-women',  'Participation of women',          'Women as voters, candidates, elected officials and election administrators.', 0, current_timestamp, current_timestamp),
 (12, 'national-minorities',     'National minorities',             'Participation of national minorities and use of minority languages.', 0, current_timestamp, current_timestamp),
 (13, 'persons-with-disabilities', 'Persons with disabilities',     'Accessibility of the electoral process for persons with disabilities.', 0, current_timestamp, current_timestamp);
-- Move the sequence well past the ids used above: with pooled allocation a value of n hands out
-- ids n-49..n, so new themes never collide with the seeded ones.
alter sequence theme_seq restart with 101;
