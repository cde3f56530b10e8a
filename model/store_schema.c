/*
 * store_schema.c — the schema: the migrations, in order, and the C part
 * of migration 7 (keyed customer codes, the audit chain).
 */
#include "model/store_impl.h"
#include "model/store_privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hash.h"
#include "model/privacy.h"
#include "model/xalloc.h"

/*
 * Migrations, applied in order; migration i brings user_version from i to
 * i + 1.  Never edit a released one: add the next.
 */
const char *const store_migrations[] = {
	/* 0 -> 1: everything in product.md's "Data" section. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE item("
	"  id INTEGER PRIMARY KEY,"
	"  sku TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  category TEXT, family TEXT,"
	"  tier INTEGER NOT NULL DEFAULT 1,"
	"  brand_tier INTEGER NOT NULL DEFAULT 2 CHECK (brand_tier BETWEEN 1 AND 3),"
	"  price INTEGER NOT NULL DEFAULT 0,"
	"  stock INTEGER,"
	"  barcode TEXT,"
	"  season_start INTEGER, season_end INTEGER,"
	"  refill_days INTEGER,"
	"  benefit TEXT);"
	"CREATE INDEX item_family ON item(family, tier) WHERE family IS NOT NULL;"
	"CREATE INDEX item_barcode ON item(barcode) WHERE barcode IS NOT NULL;"
	"CREATE INDEX item_name ON item(name COLLATE NOCASE);"
	"CREATE TABLE customer("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT, phone_rev TEXT, email TEXT, loyalty TEXT,"
	"  lang TEXT, segment TEXT, country TEXT,"
	"  consent INTEGER NOT NULL DEFAULT 0,"
	"  erased INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX customer_name ON customer(name COLLATE NOCASE);"
	"CREATE INDEX customer_phone ON customer(phone_rev)"
	"  WHERE phone_rev IS NOT NULL;"
	"CREATE INDEX customer_loyalty ON customer(loyalty)"
	"  WHERE loyalty IS NOT NULL;"
	"CREATE TABLE orders("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  customer_id INTEGER REFERENCES customer(id),"
	"  at INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1)),"
	"  country TEXT, source TEXT);"
	"CREATE INDEX orders_customer ON orders(customer_id, at)"
	"  WHERE customer_id IS NOT NULL;"
	"CREATE INDEX orders_at ON orders(at);"
	"CREATE TABLE order_line("
	"  order_id INTEGER NOT NULL REFERENCES orders(id),"
	"  line INTEGER NOT NULL,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  qty INTEGER NOT NULL,"
	"  unit_price INTEGER NOT NULL,"
	"  descr TEXT,"
	"  PRIMARY KEY (order_id, line)) WITHOUT ROWID;"
	"CREATE TABLE bundle("
	"  id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL, price INTEGER NOT NULL);"
	"CREATE TABLE bundle_item("
	"  bundle_id INTEGER NOT NULL REFERENCES bundle(id) ON DELETE CASCADE,"
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  qty INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (bundle_id, item_id)) WITHOUT ROWID;"
	"CREATE TABLE hotel(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE room_type("
	"  id INTEGER PRIMARY KEY,"
	"  hotel_id INTEGER NOT NULL REFERENCES hotel(id),"
	"  code TEXT NOT NULL, name TEXT NOT NULL,"
	"  tier INTEGER NOT NULL, rate INTEGER NOT NULL,"
	"  capacity INTEGER, view TEXT, size_m2 INTEGER,"
	"  UNIQUE (hotel_id, code));"
	"CREATE TABLE room("
	"  id INTEGER PRIMARY KEY,"
	"  hotel_id INTEGER NOT NULL REFERENCES hotel(id),"
	"  number TEXT NOT NULL,"
	"  room_type_id INTEGER NOT NULL REFERENCES room_type(id),"
	"  UNIQUE (hotel_id, number));"
	"CREATE TABLE rate("
	"  room_type_id INTEGER NOT NULL REFERENCES room_type(id),"
	"  day INTEGER NOT NULL, rate INTEGER NOT NULL,"
	"  PRIMARY KEY (room_type_id, day)) WITHOUT ROWID;"
	"CREATE TABLE reservation("
	"  id INTEGER PRIMARY KEY,"
	"  hotel_id INTEGER NOT NULL REFERENCES hotel(id),"
	"  code TEXT NOT NULL,"
	"  guest_id INTEGER REFERENCES customer(id),"
	"  arrival INTEGER NOT NULL,"
	"  nights INTEGER NOT NULL CHECK (nights >= 0),"
	"  room_type_id INTEGER NOT NULL REFERENCES room_type(id),"
	"  assigned_type_id INTEGER REFERENCES room_type(id),"
	"  room_id INTEGER REFERENCES room(id),"
	"  rate INTEGER NOT NULL,"
	"  adults INTEGER NOT NULL DEFAULT 1, children INTEGER NOT NULL DEFAULT 0,"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"
	"  repeated INTEGER NOT NULL DEFAULT 0,"
	"  segment TEXT,"
	"  UNIQUE (hotel_id, code));"
	"CREATE INDEX reservation_arrival ON reservation(hotel_id, arrival);"
	"CREATE INDEX reservation_guest ON reservation(guest_id)"
	"  WHERE guest_id IS NOT NULL;"
	"CREATE TABLE addon("
	"  id INTEGER PRIMARY KEY,"
	"  hotel_id INTEGER NOT NULL REFERENCES hotel(id),"
	"  code TEXT NOT NULL, name TEXT NOT NULL,"
	"  price INTEGER NOT NULL,"
	"  per INTEGER NOT NULL DEFAULT 0 CHECK (per BETWEEN 0 AND 2),"
	"  daily_stock INTEGER,"
	"  UNIQUE (hotel_id, code));"
	"CREATE TABLE script("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '',"
	"  lang TEXT NOT NULL, variant TEXT NOT NULL DEFAULT 'A',"
	"  line INTEGER NOT NULL DEFAULT 1, text TEXT NOT NULL,"
	"  UNIQUE (kind, scope, lang, variant, line));"
	"CREATE TABLE clerk("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	"  role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 2),"
	"  pin_hash TEXT, failed INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER);"
	"CREATE TABLE offer("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  clerk_id INTEGER REFERENCES clerk(id),"
	"  counter TEXT,"
	"  customer_id INTEGER REFERENCES customer(id),"
	"  item_id INTEGER REFERENCES item(id),"
	"  reservation_id INTEGER REFERENCES reservation(id),"
	"  room_type_id INTEGER REFERENCES room_type(id),"
	"  kind INTEGER NOT NULL,"
	"  price_diff INTEGER NOT NULL,"
	"  outcome INTEGER NOT NULL CHECK (outcome BETWEEN 0 AND 2),"
	"  reason INTEGER,"
	"  variant TEXT,"
	"  training INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX offer_customer ON offer(customer_id, at);"
	"CREATE INDEX offer_at ON offer(at);"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
	"  clerk_id INTEGER, action TEXT NOT NULL,"
	"  subject TEXT, detail TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TABLE model("
	"  name TEXT PRIMARY KEY, built INTEGER NOT NULL, data BLOB NOT NULL)"
	"  WITHOUT ROWID;"
	"CREATE TABLE import_log("
	"  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, format TEXT NOT NULL,"
	"  file TEXT NOT NULL, records INTEGER NOT NULL, added INTEGER NOT NULL);",
	/* 1 -> 2: an item's benefit line in other languages. */
	"CREATE TABLE item_benefit("
	"  item_id INTEGER NOT NULL REFERENCES item(id),"
	"  lang TEXT NOT NULL, text TEXT NOT NULL,"
	"  PRIMARY KEY (item_id, lang)) WITHOUT ROWID;",
	/* 2 -> 3: add-ons with their validity, the day they serve and a
	 * daily inventory, and what was sold of them.  Nothing wrote the
	 * version 1 table, so it is replaced. */
	"DROP TABLE addon;"
	"CREATE TABLE addon("
	"  id INTEGER PRIMARY KEY,"
	"  hotel_id INTEGER NOT NULL REFERENCES hotel(id),"
	"  code TEXT NOT NULL, name TEXT NOT NULL,"
	"  price INTEGER NOT NULL CHECK (price >= 0),"
	"  per INTEGER NOT NULL DEFAULT 0 CHECK (per BETWEEN 0 AND 3),"
	"  on_departure INTEGER NOT NULL DEFAULT 0,"
	"  valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL,"
	"  daily INTEGER NOT NULL DEFAULT 0 CHECK (daily >= 0),"
	"  UNIQUE (hotel_id, code));"
	"CREATE TABLE addon_sale("
	"  id INTEGER PRIMARY KEY,"
	"  reservation_id INTEGER NOT NULL REFERENCES reservation(id),"
	"  addon_id INTEGER NOT NULL REFERENCES addon(id),"
	"  day INTEGER NOT NULL, days INTEGER NOT NULL CHECK (days >= 1),"
	"  units INTEGER NOT NULL CHECK (units >= 1),"
	"  total INTEGER NOT NULL);"
	"CREATE INDEX addon_sale_day ON addon_sale(addon_id, day);",
	/* 3 -> 4: a hotel's own pricing of room upgrades: its cap and
	 * floor (NULL cap: the configuration's), and set supplements a
	 * night per step between two room types. */
	"ALTER TABLE hotel ADD COLUMN cap_percent INTEGER"
	"  CHECK (cap_percent IS NULL OR cap_percent BETWEEN 0 AND 500);"
	"ALTER TABLE hotel ADD COLUMN supplement_floor INTEGER NOT NULL"
	"  DEFAULT 0 CHECK (supplement_floor >= 0);"
	"CREATE TABLE supplement("
	"  from_type_id INTEGER NOT NULL REFERENCES room_type(id),"
	"  to_type_id INTEGER NOT NULL REFERENCES room_type(id),"
	"  per_night INTEGER NOT NULL CHECK (per_night >= 0),"
	"  PRIMARY KEY (from_type_id, to_type_id)) WITHOUT ROWID;",
	/* 4 -> 5: a trainee's runs of the training scenarios (kept in the
	 * training store, never in a shop's). */
	"CREATE TABLE training_run("
	"  id INTEGER PRIMARY KEY,"
	"  scenario TEXT NOT NULL, trainee TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  passed INTEGER NOT NULL, checks INTEGER NOT NULL,"
	"  percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100));"
	"CREATE INDEX training_run_trainee ON training_run(trainee, scenario);",
	/* 5 -> 6: whether a counter sale took an offer, for the average
	 * basket with and without one */
	"ALTER TABLE orders ADD COLUMN offer_taken INTEGER NOT NULL DEFAULT 0;",
	/* 6 -> 7: what an item is (0 a product, 1 a service: postage, fees,
	 * discounts ...), and the refill rhythm of a category, which its
	 * items without their own refill_days take. */
	"ALTER TABLE item ADD COLUMN kind INTEGER NOT NULL DEFAULT 0"
	"  CHECK (kind IN (0, 1));"
	"CREATE TABLE category("
	"  name TEXT PRIMARY KEY,"
	"  refill_days INTEGER"
	"  CHECK (refill_days IS NULL OR refill_days BETWEEN 1 AND 3650))"
	"  WITHOUT ROWID;",
	/* 7 -> 8 (issue 14): the database's own secret for keyed hashes;
	 * the audit log hash-chained (each row holds the hash of the row
	 * before and its own; meta audit_head the last), and no row added
	 * without its hash; the suppression list of erased customers (a
	 * keyed hash of their source key); the key of an offer saved from
	 * a console's journal, so that replaying it twice adds it once.
	 * uplift_upgrade_14() (a C function, store_schema.c) replaces customer
	 * codes that are email addresses or phone numbers by their keyed
	 * codes and chains the rows already in the audit log. */
	"INSERT OR IGNORE INTO meta(key, value)"
	"  VALUES ('hash_key', lower(hex(randomblob(32))));"
	"ALTER TABLE audit ADD COLUMN prev TEXT;"
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"CREATE TABLE suppressed("
	"  hash TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;"
	"ALTER TABLE offer ADD COLUMN jkey TEXT;"
	"CREATE UNIQUE INDEX offer_jkey ON offer(jkey) WHERE jkey IS NOT NULL;"
	"UPDATE orders SET country = NULL WHERE customer_id IN"
	"  (SELECT id FROM customer WHERE erased = 1);"
	"DROP TRIGGER audit_no_update;"
	"SELECT uplift_upgrade_14();"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_chained BEFORE INSERT ON audit"
	"  WHEN NEW.hash IS NULL OR NEW.prev IS NULL"
	"  BEGIN SELECT RAISE(ABORT, 'an audit row needs its hash'); END;",
	/* 8 -> 9: the chain's synchronisation (store_sync.c). */
	store_sync_schema,
	/* 9 -> 10 (issue 17): an upgrade at the desk keeps what was booked
	 * (the rate and the type held before it) and the first night it
	 * moved, so that it can be undone and the cap measured from the
	 * booking; a room type says what is better about it in Bengali and
	 * Gujarati too; an answer can be undone (the row stays, marked with the
	 * time); add-ons answered at the desk are in the offer log.  The
	 * room types the hotel booking data made (named after their letter,
	 * laddered by it) lose that made-up tier: they are laddered by
	 * their rates instead (tier 0: none of its own). */
	"ALTER TABLE reservation ADD COLUMN booked_rate INTEGER;"
	"ALTER TABLE reservation ADD COLUMN prior_type_id INTEGER;"
	"ALTER TABLE reservation ADD COLUMN moved_on INTEGER;"
	"ALTER TABLE room_type ADD COLUMN benefit_bn TEXT;"
	"ALTER TABLE room_type ADD COLUMN benefit_gu TEXT;"
	"ALTER TABLE offer ADD COLUMN undone INTEGER;"
	"ALTER TABLE offer ADD COLUMN addon_id INTEGER;"
	"CREATE INDEX offer_reservation ON offer(reservation_id)"
	"  WHERE reservation_id IS NOT NULL;"
	"UPDATE room_type SET tier = 0 WHERE name = 'Room type ' || code"
	"  AND length(code) = 1 AND tier = unicode(code) - 64"
	"  AND NOT EXISTS (SELECT 1 FROM room r"
	"   WHERE r.room_type_id = room_type.id);",
	/* 10 -> 11 (issue 17): the offer log's undone marks and add-ons go
	 * to the chain (store_sync.c). */
	store_sync_offer_marks,
};

const int store_nmigrations =
    (int)(sizeof store_migrations / sizeof store_migrations[0]);

/* Migration 7's C part, 1: keyed codes for customer ids that are email
 * addresses or phone numbers (a second one that folds to the same
 * address keeps a code of its own exact text).  0, or -1 (the error is
 * SQLite's). */
static int
upgrade_codes(struct store *s)
{
	sqlite3_stmt *st, *up;
	char hash[HASH_HEX];
	int64_t id;
	int rc;

	if ((st = store_stmt_get(s, Q_UPG14_CODES)) == NULL ||
	    (up = store_stmt_get(s, Q_UPG14_CODE)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		char *nc;

		if (code == NULL || privacy_looks_personal(code) ==
		    PRIVACY_NONE)
			continue;
		id = sqlite3_column_int64(st, 0);
		nc = store_customer_code(s, code);
		sqlite3_bind_int64(up, 1, id);
		bind_text(up, 2, nc);
		if (sqlite3_step(up) == SQLITE_DONE &&
		    sqlite3_changes(s->db) == 0) {
			store_keyed(s, "code-exact", code, hash);
			free(nc);
			nc = xasprintf("P-%.16s", hash);
			sqlite3_reset(up);
			sqlite3_bind_int64(up, 1, id);
			bind_text(up, 2, nc);
			sqlite3_step(up);
		}
		sqlite3_reset(up);
		free(nc);
	}
	store_end(s, st);
	store_end(s, up);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Migration 7's C part, 2: the audit rows already there chained, and
 * meta audit_head set to the last.  0, or -1 (the error is SQLite's). */
static int
upgrade_chain(struct store *s)
{
	sqlite3_stmt *st, *up;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id, last = 0;
	int rc;

	if ((st = store_stmt_get(s, Q_UPG14_AUDIT)) == NULL ||
	    (up = store_stmt_get(s, Q_UPG14_CHAIN)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		store_audit_hash(prev, id, sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5), hash);
		sqlite3_bind_int64(up, 1, id);
		bind_text(up, 2, prev);
		bind_text(up, 3, hash);
		if (sqlite3_step(up) != SQLITE_DONE) {
			rc = SQLITE_ERROR;
			break;
		}
		sqlite3_reset(up);
		memcpy(prev, hash, sizeof prev);
		last = id;
	}
	store_end(s, st);
	store_end(s, up);
	if (rc != SQLITE_DONE)
		return -1;
	if (last > 0) {
		snprintf(head, sizeof head, "%lld %s", (long long)last, prev);
		if ((st = store_stmt_get(s, Q_AUDIT_HEAD)) == NULL)
			return -1;
		bind_text(st, 1, head);
		rc = sqlite3_step(st);
		store_end(s, st);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

/* Migration 7's C part: keyed codes for customer ids that are email
 * addresses or phone numbers, and the audit rows already there chained.
 * Called from the migration's SQL (see store_migrations[]). */
void
store_upgrade_14(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	store_load_key(s);
	if (!s->have_key) {
		sqlite3_result_error(ctx, "no hash key", -1);
		return;
	}
	if (upgrade_codes(s) != 0 || upgrade_chain(s) != 0) {
		sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
		return;
	}
	sqlite3_result_null(ctx);
}
