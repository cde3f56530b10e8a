-- uplift's chain server, migration 1: the tables, the roles' rights, the
-- functions shops call.  Applied once, in one transaction, by
-- `uplift chain migrate` connected as the chain's owner (a role that may
-- create roles: the group roles below are made if missing), after
-- uplift has made the schema uplift and its table uplift.migration.
-- Never edit a released migration: add the next file.
--
-- Who may do what:
--   the owner        runs migrations, registers shops; owns everything
--                    (not bound by the row-level security below)
--   uplift_admin     the head office: publishes the catalogue, the
--                    scripts and the model, reads every shop's rows
--                    (uplift chain publish, rebuild --chain, report
--                    --chain)
--   uplift_shop      a shop's login role is a member: it inserts only
--                    rows of its own shop (row-level security on `shop`,
--                    the shop that uplift.chain_shop gives its role), reads
--                    the chain's data (catalogue, customers, model)
--
-- Keys: every row a shop sends is keyed by (shop, the id it has in the
-- shop's file), so sending it twice keeps one.  Rows that come down carry
-- txid, the transaction that wrote them last (pg_current_xact_id()); a
-- shop asks for the rows with txid at or above its horizon, and takes as
-- its next horizon the oldest transaction still running then
-- (pg_snapshot_xmin): nothing committed later can have a smaller txid.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uplift_shop') THEN
		CREATE ROLE uplift_shop NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'uplift_admin') THEN
		CREATE ROLE uplift_admin NOLOGIN;
	END IF;
END $$;

REVOKE ALL ON SCHEMA uplift FROM PUBLIC;
GRANT USAGE ON SCHEMA uplift TO uplift_shop, uplift_admin;
GRANT SELECT ON uplift.migration TO uplift_shop, uplift_admin;

-- The chain itself: its id (a shop's file remembers the chain it belongs
-- to), its currency and scale (set by the first shop or the first
-- publication), the secret of its suppression list, and the key of its
-- customer codes (code_key: every shop makes the code of a customer id
-- that is an email address or a phone number as P- and a keyed hash of
-- it with this key, so that the same person has the same code, and the
-- same chain-wide key, in every shop).  Only the owner reads the table;
-- the functions below say what others may know.
CREATE TABLE uplift.meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);
INSERT INTO uplift.meta(key, value) VALUES
	('chain', gen_random_uuid()::text),
	('secret', replace(gen_random_uuid()::text || gen_random_uuid()::text,
	    '-', '')),
	('code_key', encode(sha256(convert_to(gen_random_uuid()::text ||
	    gen_random_uuid()::text || clock_timestamp()::text, 'UTF8')),
	    'hex'));

-- The shops and their last synchronisation.
CREATE TABLE uplift.chain_shop (
	code         text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
	role         name NOT NULL UNIQUE,
	added        timestamptz NOT NULL DEFAULT now(),
	last_sync    timestamptz,
	last_up      bigint,            -- rows sent by the last sync
	last_down    bigint,            -- rows applied by the last sync
	last_seconds real,
	syncs        bigint NOT NULL DEFAULT 0
);

-- The shop of the role connected, or NULL.
CREATE FUNCTION uplift.my_shop() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT code FROM uplift.chain_shop WHERE role = session_user
$$;

-- What a shop may know of the chain: its id, currency and scale, and
-- (for a shop or the head office only) the key of its customer codes.
CREATE FUNCTION uplift.hello(OUT chain text, OUT currency text,
    OUT scale integer, OUT shop text, OUT code_key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT (SELECT value FROM uplift.meta WHERE key = 'chain'),
	    (SELECT value FROM uplift.meta WHERE key = 'currency'),
	    (SELECT value::integer FROM uplift.meta WHERE key = 'scale'),
	    uplift.my_shop(),
	    CASE WHEN uplift.my_shop() IS NOT NULL OR
	        pg_has_role(session_user, 'uplift_admin', 'MEMBER')
	    THEN (SELECT value FROM uplift.meta WHERE key = 'code_key') END
$$;

-- Set the chain's currency if it has none; returns the chain's (the
-- caller compares).
CREATE FUNCTION uplift.claim_currency(p_currency text, p_scale integer,
    OUT currency text, OUT scale integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
	IF uplift.my_shop() IS NULL AND
	    NOT pg_has_role(session_user, 'uplift_admin', 'MEMBER') THEN
		RAISE EXCEPTION 'role % is neither a shop of this chain nor its head office', session_user;
	END IF;
	IF p_currency !~ '^[A-Z]{3}$' OR p_scale NOT BETWEEN 0 AND 6 THEN
		RAISE EXCEPTION 'invalid currency %/%', p_currency, p_scale;
	END IF;
	INSERT INTO uplift.meta(key, value) VALUES ('currency', p_currency),
	    ('scale', p_scale::text) ON CONFLICT (key) DO NOTHING;
	SELECT m.value INTO currency FROM uplift.meta m WHERE m.key = 'currency';
	SELECT m.value::integer INTO scale FROM uplift.meta m WHERE m.key = 'scale';
END $$;

-- A shop's sync is over: its figures into chain_shop.
CREATE FUNCTION uplift.shop_synced(p_up bigint, p_down bigint,
    p_seconds real) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog AS $$
	UPDATE uplift.chain_shop SET last_sync = now(), last_up = p_up,
	    last_down = p_down, last_seconds = p_seconds, syncs = syncs + 1
	WHERE code = uplift.my_shop()
$$;

-- Rows that come down get the writing transaction's id on every change.
CREATE FUNCTION uplift.touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.txid := pg_current_xact_id();
	RETURN NEW;
END $$;

-- ---- the SKU registry: every item the chain has heard of ----------------
-- Its id numbers the items of the chain's model.
CREATE TABLE uplift.sku (
	id   bigserial PRIMARY KEY,
	sku  text NOT NULL UNIQUE,
	txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX sku_txid ON uplift.sku(txid);

CREATE FUNCTION uplift.register_sku() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
	INSERT INTO uplift.sku(sku) VALUES (NEW.sku) ON CONFLICT (sku) DO NOTHING;
	RETURN NEW;
END $$;

-- ---- customers: both ways -------------------------------------------------
-- ckey is the chain-wide key: 'L:' and the loyalty number, else 'C:' and
-- the customer code; NULL once erased.  shop: where they were first made.
CREATE TABLE uplift.customer (
	id      bigserial PRIMARY KEY,
	ckey    text UNIQUE,
	shop    text NOT NULL REFERENCES uplift.chain_shop(code),
	code    text NOT NULL,
	name    text NOT NULL DEFAULT '',
	phone   text,
	email   text,
	loyalty text,
	lang    text,
	segment text,
	country text,
	consent integer NOT NULL DEFAULT 0,
	erased  boolean NOT NULL DEFAULT false,
	txid    xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX customer_txid ON uplift.customer(txid);
CREATE TRIGGER customer_touch BEFORE UPDATE ON uplift.customer
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();

-- A shop's customer (its local id) is the chain's customer.
CREATE TABLE uplift.shop_customer (
	shop     text NOT NULL REFERENCES uplift.chain_shop(code),
	id       bigint NOT NULL,
	customer bigint NOT NULL REFERENCES uplift.customer(id),
	PRIMARY KEY (shop, id)
);
CREATE INDEX shop_customer_customer ON uplift.shop_customer(customer);

-- The suppression list: a keyed hash of every erased customer's key, so
-- that no shop brings them back.
CREATE TABLE uplift.suppressed (
	hash text PRIMARY KEY,
	at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION uplift.suppress_hash(p_ckey text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT encode(sha256(convert_to('uplift-chain-suppress:' ||
	    (SELECT value FROM uplift.meta WHERE key = 'secret') || ':' ||
	    p_ckey, 'UTF8')), 'hex')
$$;

CREATE FUNCTION uplift.is_suppressed(p_ckey text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
	SELECT EXISTS (SELECT 1 FROM uplift.suppressed
	    WHERE hash = uplift.suppress_hash(p_ckey))
$$;

-- Erase customer p_id everywhere: personal fields cleared, the key
-- replaced by nothing (its keyed hash on the suppression list), their
-- sales' country cleared; sales, lines and offers stay (totals stay
-- right).  Any shop may ask (a customer may ask any shop).  true if
-- erased now, false if there was nothing to erase.  The old row versions
-- stay in the table's files until VACUUM removes them (autovacuum does).
CREATE FUNCTION uplift.erase_customer(p_id bigint) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
	k text;
BEGIN
	IF uplift.my_shop() IS NULL AND
	    NOT pg_has_role(session_user, 'uplift_admin', 'MEMBER') THEN
		RAISE EXCEPTION 'role % is neither a shop of this chain nor its head office', session_user;
	END IF;
	SELECT c.ckey INTO k FROM uplift.customer c
	    WHERE c.id = p_id AND NOT c.erased FOR UPDATE;
	IF NOT FOUND THEN
		RETURN false;
	END IF;
	IF k IS NOT NULL THEN
		INSERT INTO uplift.suppressed(hash)
		    VALUES (uplift.suppress_hash(k)) ON CONFLICT DO NOTHING;
	END IF;
	UPDATE uplift.customer SET ckey = NULL, code = 'erased-' || id,
	    name = '', phone = NULL, email = NULL, loyalty = NULL,
	    lang = NULL, segment = NULL, country = NULL, consent = 0,
	    erased = true
	WHERE id = p_id;
	UPDATE uplift.sale s SET country = NULL FROM uplift.shop_customer sc
	    WHERE sc.customer = p_id AND s.shop = sc.shop AND s.customer = sc.id;
	RETURN true;
END $$;

-- ---- what shops send -------------------------------------------------------
-- Each keyed by (shop, local id); references to other rows of the shop
-- are its local ids (customer: resolved through shop_customer), items
-- by SKU, clerks by name.

CREATE TABLE uplift.shop_item (
	shop     text NOT NULL REFERENCES uplift.chain_shop(code),
	id       bigint NOT NULL,
	sku      text NOT NULL,
	name     text NOT NULL,
	category text,
	kind     integer NOT NULL,
	price    bigint NOT NULL,
	PRIMARY KEY (shop, id)
);
CREATE INDEX shop_item_sku ON uplift.shop_item(sku);
CREATE TRIGGER shop_item_sku AFTER INSERT ON uplift.shop_item
	FOR EACH ROW EXECUTE FUNCTION uplift.register_sku();

CREATE TABLE uplift.sale (
	shop        text NOT NULL REFERENCES uplift.chain_shop(code),
	id          bigint NOT NULL,
	code        text NOT NULL,
	customer    bigint,                 -- the shop's customer id
	at          bigint NOT NULL,        -- civil seconds
	kind        integer NOT NULL,       -- 0 sale, 1 return
	country     text,
	source      text,
	offer_taken integer NOT NULL DEFAULT 0,
	PRIMARY KEY (shop, id)
);
CREATE INDEX sale_at ON uplift.sale(at);

CREATE TABLE uplift.sale_line (
	shop       text NOT NULL,
	order_id   bigint NOT NULL,
	line       integer NOT NULL,
	sku        text NOT NULL,
	qty        bigint NOT NULL,
	unit_price bigint NOT NULL,
	descr      text,
	PRIMARY KEY (shop, order_id, line),
	FOREIGN KEY (shop, order_id) REFERENCES uplift.sale(shop, id)
);

CREATE TABLE uplift.offer (
	shop        text NOT NULL REFERENCES uplift.chain_shop(code),
	id          bigint NOT NULL,
	at          bigint NOT NULL,
	clerk       text,
	counter     text,
	customer    bigint,
	sku         text,
	kind        integer NOT NULL,
	price_diff  bigint NOT NULL,
	outcome     integer NOT NULL,
	reason      integer,
	variant     text,
	training    integer NOT NULL DEFAULT 0,
	hotel       text,                   -- a room upgrade: the hotel,
	reservation text,                   -- the confirmation,
	nights      integer,                -- the stay's nights,
	room_type   text,                   -- the room type offered
	PRIMARY KEY (shop, id)
);
CREATE INDEX offer_at ON uplift.offer(at);

CREATE TABLE uplift.addon_sale (
	shop        text NOT NULL REFERENCES uplift.chain_shop(code),
	id          bigint NOT NULL,
	hotel       text NOT NULL,
	reservation text NOT NULL,
	customer    bigint,
	addon       text NOT NULL,
	day         bigint NOT NULL,
	days        integer NOT NULL,
	units       integer NOT NULL,
	total       bigint NOT NULL,
	PRIMARY KEY (shop, id)
);

CREATE TABLE uplift.audit (
	shop    text NOT NULL REFERENCES uplift.chain_shop(code),
	id      bigint NOT NULL,
	at      bigint NOT NULL,
	clerk   text,
	action  text NOT NULL,
	subject text,
	detail  text,
	prev    text,                   -- the shop's hash chain (uplift check)
	hash    text,
	PRIMARY KEY (shop, id)
);

-- ---- what the head office publishes -----------------------------------------

CREATE TABLE uplift.item (
	sku          text PRIMARY KEY,
	name         text NOT NULL,
	category     text,
	family       text,
	tier         integer NOT NULL DEFAULT 1,
	brand_tier   integer NOT NULL DEFAULT 2,
	price        bigint NOT NULL,
	barcode      text,
	season_start integer,
	season_end   integer,
	refill_days  integer,
	benefit      text,
	kind         integer NOT NULL DEFAULT 0,
	txid         xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX item_txid ON uplift.item(txid);
CREATE TRIGGER item_touch BEFORE UPDATE ON uplift.item
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();
CREATE TRIGGER item_sku AFTER INSERT ON uplift.item
	FOR EACH ROW EXECUTE FUNCTION uplift.register_sku();

CREATE TABLE uplift.item_benefit (
	sku  text NOT NULL REFERENCES uplift.item(sku),
	lang text NOT NULL,
	text text NOT NULL,
	txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
	PRIMARY KEY (sku, lang)
);
CREATE INDEX item_benefit_txid ON uplift.item_benefit(txid);
CREATE TRIGGER item_benefit_touch BEFORE UPDATE ON uplift.item_benefit
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();

CREATE TABLE uplift.category (
	name        text PRIMARY KEY,
	refill_days integer,
	txid        xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER category_touch BEFORE UPDATE ON uplift.category
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();

CREATE TABLE uplift.bundle (
	code  text PRIMARY KEY,
	name  text NOT NULL,
	price bigint NOT NULL,
	txid  xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER bundle_touch BEFORE UPDATE ON uplift.bundle
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();
CREATE TABLE uplift.bundle_item (
	code text NOT NULL REFERENCES uplift.bundle(code) ON DELETE CASCADE,
	sku  text NOT NULL,
	qty  bigint NOT NULL DEFAULT 1,
	PRIMARY KEY (code, sku)
);

-- Talking points: a language is published whole (its rows replaced);
-- script_lang.txid says when.
CREATE TABLE uplift.script_lang (
	lang text PRIMARY KEY,
	txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER script_lang_touch BEFORE UPDATE ON uplift.script_lang
	FOR EACH ROW EXECUTE FUNCTION uplift.touch();
CREATE TABLE uplift.script (
	lang    text NOT NULL REFERENCES uplift.script_lang(lang),
	kind    text NOT NULL,
	scope   text NOT NULL DEFAULT '',
	variant text NOT NULL DEFAULT 'A',
	line    integer NOT NULL,
	text    text NOT NULL,
	PRIMARY KEY (lang, kind, scope, variant, line)
);

-- The chain's mined models, newest last; shops load the newest.
CREATE TABLE uplift.model (
	id        bigserial PRIMARY KEY,
	built     bigint NOT NULL,          -- civil seconds
	published timestamptz NOT NULL DEFAULT now(),
	sha256    text NOT NULL,
	size      bigint NOT NULL,
	orders    bigint NOT NULL,
	items     bigint NOT NULL,
	data      bytea NOT NULL
);

-- ---- rights -----------------------------------------------------------------

-- Every table a shop sends to: its own rows only.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['shop_item', 'sale', 'sale_line', 'offer',
	    'addon_sale', 'audit', 'shop_customer'] LOOP
		EXECUTE format('ALTER TABLE uplift.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY shop_own ON uplift.%I TO uplift_shop'
		    ' USING (shop = (SELECT uplift.my_shop()))'
		    ' WITH CHECK (shop = (SELECT uplift.my_shop()))', t);
		EXECUTE format('CREATE POLICY admin_all ON uplift.%I TO uplift_admin'
		    ' USING (true)', t);
		EXECUTE format('GRANT SELECT, INSERT ON uplift.%I TO uplift_shop', t);
		EXECUTE format('GRANT SELECT ON uplift.%I TO uplift_admin', t);
	END LOOP;
END $$;
-- ... and the columns that may change after they were sent.
GRANT UPDATE (offer_taken) ON uplift.sale TO uplift_shop;
GRANT UPDATE (reason) ON uplift.offer TO uplift_shop;
GRANT UPDATE (name, category, kind, price) ON uplift.shop_item TO uplift_shop;

-- Customers: every shop reads them all, inserts its own, changes only
-- those it made.
ALTER TABLE uplift.customer ENABLE ROW LEVEL SECURITY;
CREATE POLICY shop_read ON uplift.customer FOR SELECT TO uplift_shop
	USING (true);
CREATE POLICY shop_insert ON uplift.customer FOR INSERT TO uplift_shop
	WITH CHECK (shop = (SELECT uplift.my_shop()) AND NOT erased);
CREATE POLICY shop_update ON uplift.customer FOR UPDATE TO uplift_shop
	USING (shop = (SELECT uplift.my_shop()))
	WITH CHECK (shop = (SELECT uplift.my_shop()));
CREATE POLICY admin_all ON uplift.customer TO uplift_admin USING (true);
GRANT SELECT, INSERT ON uplift.customer TO uplift_shop;
GRANT UPDATE (code, name, phone, email, loyalty, lang, segment, country,
    consent) ON uplift.customer TO uplift_shop;
GRANT USAGE ON SEQUENCE uplift.customer_id_seq TO uplift_shop;
GRANT SELECT ON uplift.customer TO uplift_admin;

-- The chain's data: shops read it, the head office writes it.
GRANT SELECT ON uplift.sku, uplift.item, uplift.item_benefit,
    uplift.category, uplift.bundle, uplift.bundle_item, uplift.script_lang,
    uplift.script, uplift.model TO uplift_shop, uplift_admin;
GRANT INSERT, UPDATE, DELETE ON uplift.item, uplift.item_benefit,
    uplift.category, uplift.bundle, uplift.bundle_item, uplift.script_lang,
    uplift.script TO uplift_admin;
GRANT INSERT ON uplift.model TO uplift_admin;
GRANT USAGE ON SEQUENCE uplift.model_id_seq TO uplift_admin;
GRANT SELECT ON uplift.chain_shop TO uplift_admin;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA uplift FROM PUBLIC;
GRANT EXECUTE ON FUNCTION uplift.my_shop(), uplift.hello(),
    uplift.claim_currency(text, integer), uplift.is_suppressed(text),
    uplift.erase_customer(bigint), uplift.touch(), uplift.register_sku()
    TO uplift_shop, uplift_admin;
GRANT EXECUTE ON FUNCTION uplift.shop_synced(bigint, bigint, real)
    TO uplift_shop;
