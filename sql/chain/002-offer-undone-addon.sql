-- uplift's chain server, migration 2 (issue 17): the offer log carries
-- what the front desk's answers became and which add-on they were about.
--
--   undone      when the answer was taken back at the desk (civil
--               seconds; the shop's offer.undone): an upgrade given back,
--               an add-on taken off, a decline withdrawn.  The row stays;
--               the head office's reports count the net result.
--   addon       the add-on's code, for a row about an add-on (its kind is
--               4, the desk's add-on kind); NULL for every other row
--   addon_name  its name as the hotel lists it, for the reports
--
-- All three may change after a row went up (a shop that upgraded sends its
-- rows sent before again, with their add-on and undone marks), so the
-- shops may update them, as the reason.

ALTER TABLE uplift.offer ADD COLUMN undone bigint;
ALTER TABLE uplift.offer ADD COLUMN addon text;
ALTER TABLE uplift.offer ADD COLUMN addon_name text;

GRANT UPDATE (undone, addon, addon_name) ON uplift.offer TO uplift_shop;

-- A desk's answers are "offered" once, by the shown row of the same stay
-- and offer when the desk logged one (the reports look it up).
CREATE INDEX offer_reservation ON uplift.offer(shop, reservation)
	WHERE reservation IS NOT NULL;
