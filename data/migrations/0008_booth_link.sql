-- Fairdesk schema, version 8: a booth's video link, for the online fair.
--
-- A booth that meets visitors in a Zoom, Teams or Meet room keeps the
-- room's link here; it is shown with the booth, on its staff's badges and
-- in exports, as a session's link is. It goes to every laptop, like the
-- rest of the booth (data/privacy_audience.go): it is the way in for
-- visitors, not a secret of the booth's.
ALTER TABLE booths ADD COLUMN link TEXT NOT NULL DEFAULT '';
