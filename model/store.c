/*
 * store.c — opening, checking and migrating the database, and the SQL
 * behind store.h.  Statements are prepared once per connection and kept in
 * s->stmt[], indexed by enum stmt_id.
 */
#include "model/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "model/baskets.h"
#include "model/civil.h"
#include "model/hash.h"
#include "model/money.h"
#include "model/privacy.h"
#include "model/text.h"
#include "model/xalloc.h"

/* The columns item_from_row() reads. */
#define ITEM_COLUMNS "id, sku, name, category, family, tier, brand_tier," \
	" price, stock, barcode, season_start, season_end, refill_days," \
	" benefit, kind"

enum stmt_id {
	Q_ITEM_ID, Q_ITEM_PUT, Q_ITEM_PRICE, Q_ITEM_GET,
	Q_CUST_ID, Q_CUST_PUT, Q_CUST_GET,
	Q_ORDER_ID, Q_ORDER_ADD, Q_LINE_ADD,
	Q_HOTEL_ID, Q_HOTEL_ADD, Q_RT_ID, Q_RT_PUT, Q_ROOM_ID, Q_ROOM_PUT,
	Q_RES_ID, Q_RES_ADD, Q_IMPORT_LOG, Q_LINES_ADD, Q_OFFER_ADD,
	Q_OFFER_REASON, Q_ORDER_CODE, Q_STOCK_TAKE, Q_CLERK_ID,
	Q_BUNDLE_ID, Q_BUNDLE_PUT, Q_BUNDLE_CLEAR, Q_BUNDLE_ITEM,
	Q_BENEFIT_PUT, Q_BENEFIT_DEL, Q_ITEM_KIND, Q_CAT_ID, Q_CAT_PUT,
	Q_COUNT
};

static const char *stmt_sql[Q_COUNT] = {
	[Q_ITEM_ID] = "SELECT id FROM item WHERE sku = ?1",
	[Q_ITEM_PUT] =
	    "INSERT INTO item(sku, name, category, family, tier, brand_tier,"
	    " price, stock, barcode, season_start, season_end, refill_days,"
	    " benefit, kind) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,"
	    " coalesce(?14, 0))"
	    " ON CONFLICT(sku) DO UPDATE SET name = excluded.name,"
	    " category = excluded.category, family = excluded.family,"
	    " tier = excluded.tier, brand_tier = excluded.brand_tier,"
	    " price = excluded.price, stock = excluded.stock,"
	    " barcode = excluded.barcode, season_start = excluded.season_start,"
	    " season_end = excluded.season_end,"
	    " refill_days = excluded.refill_days, benefit = excluded.benefit,"
	    " kind = coalesce(?14, kind)"
	    " RETURNING id",
	[Q_ITEM_PRICE] = "UPDATE item SET price = ?2 WHERE id = ?1",
	[Q_ITEM_KIND] = "UPDATE item SET kind = ?2 WHERE id = ?1",
	[Q_CAT_ID] = "SELECT 1 FROM category WHERE name = ?1",
	[Q_CAT_PUT] =
	    "INSERT INTO category(name, refill_days) VALUES (?1, ?2)"
	    " ON CONFLICT(name) DO UPDATE SET refill_days = excluded.refill_days",
	[Q_ITEM_GET] = "SELECT " ITEM_COLUMNS " FROM item WHERE id = ?1",
	[Q_CUST_ID] = "SELECT id FROM customer WHERE code = ?1",
	[Q_CUST_PUT] =
	    "INSERT INTO customer(code, name, phone, phone_rev, email, loyalty,"
	    " lang, segment, country, consent)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	    " phone = excluded.phone, phone_rev = excluded.phone_rev,"
	    " email = excluded.email, loyalty = excluded.loyalty,"
	    " lang = excluded.lang, segment = excluded.segment,"
	    " country = excluded.country, consent = excluded.consent"
	    " RETURNING id",
	[Q_CUST_GET] =
	    "SELECT id, code, name, phone, email, loyalty, lang, segment,"
	    " country, consent FROM customer WHERE id = ?1",
	[Q_ORDER_ID] = "SELECT id FROM orders WHERE code = ?1",
	[Q_ORDER_ADD] =
	    "INSERT INTO orders(code, customer_id, at, kind, country, source)"
	    " VALUES (?1,?2,?3,?4,?5,?6)",
	[Q_LINE_ADD] =
	    "INSERT INTO order_line(order_id, line, item_id, qty, unit_price,"
	    " descr) VALUES (?1,?2,?3,?4,?5,?6)",
	[Q_HOTEL_ID] = "SELECT id FROM hotel WHERE name = ?1",
	[Q_HOTEL_ADD] = "INSERT INTO hotel(name) VALUES (?1)",
	[Q_RT_ID] = "SELECT id FROM room_type WHERE hotel_id = ?1 AND code = ?2",
	[Q_RT_PUT] =
	    "INSERT INTO room_type(hotel_id, code, name, tier, rate, capacity,"
	    " view, size_m2, benefit_bn, benefit_gu)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
	    " ON CONFLICT(hotel_id, code) DO UPDATE SET name = excluded.name,"
	    " tier = excluded.tier, rate = excluded.rate,"
	    " capacity = excluded.capacity, view = excluded.view,"
	    " size_m2 = excluded.size_m2, benefit_bn = excluded.benefit_bn,"
	    " benefit_gu = excluded.benefit_gu RETURNING id",
	[Q_ROOM_ID] =
	    "SELECT id FROM room WHERE hotel_id = ?1 AND number = ?2",
	[Q_ROOM_PUT] =
	    "INSERT INTO room(hotel_id, number, room_type_id) VALUES (?1,?2,?3)"
	    " ON CONFLICT(hotel_id, number) DO UPDATE SET"
	    " room_type_id = excluded.room_type_id",
	[Q_RES_ID] =
	    "SELECT id FROM reservation WHERE hotel_id = ?1 AND code = ?2",
	[Q_RES_ADD] =
	    "INSERT INTO reservation(hotel_id, code, guest_id, arrival, nights,"
	    " room_type_id, assigned_type_id, rate, adults, children, status,"
	    " repeated, segment) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
	    "?12,?13)",
	[Q_OFFER_ADD] =
	    "INSERT INTO offer(at, clerk_id, counter, customer_id, item_id,"
	    " kind, price_diff, outcome, reason, variant, training,"
	    " reservation_id, room_type_id, jkey, addon_id)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)"
	    " ON CONFLICT(jkey) WHERE jkey IS NOT NULL DO NOTHING",
	[Q_BENEFIT_PUT] =
	    "INSERT OR REPLACE INTO item_benefit(item_id, lang, text)"
	    " VALUES (?1, ?2, ?3)",
	[Q_BENEFIT_DEL] =
	    "DELETE FROM item_benefit WHERE item_id = ?1 AND lang = ?2",
	[Q_BUNDLE_ID] = "SELECT id FROM bundle WHERE code = ?1",
	[Q_BUNDLE_PUT] =
	    "INSERT INTO bundle(code, name, price) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
	    " price = excluded.price RETURNING id",
	[Q_BUNDLE_CLEAR] = "DELETE FROM bundle_item WHERE bundle_id = ?1",
	[Q_BUNDLE_ITEM] =
	    "INSERT INTO bundle_item(bundle_id, item_id, qty) VALUES (?1,?2,?3)",
	[Q_CLERK_ID] = "SELECT id FROM clerk WHERE name = ?1",
	[Q_OFFER_REASON] =
	    "UPDATE offer SET reason = ?2 WHERE id = ?1 AND outcome = 2",
	[Q_ORDER_CODE] = "UPDATE orders SET code = 'POS' || id WHERE id = ?1",
	[Q_STOCK_TAKE] =
	    "UPDATE item SET stock = max(stock - ?2, 0)"
	    " WHERE id = ?1 AND stock IS NOT NULL",
	[Q_IMPORT_LOG] =
	    "INSERT INTO import_log(at, format, file, records, added)"
	    " VALUES (?1,?2,?3,?4,?5)",
};

#define LINE_BATCH 32   /* order lines per multi-row INSERT */

struct store {
	sqlite3       *db;
	char          *path;
	int            flags;
	char           currency[4];
	int            scale;
	sqlite3_stmt  *stmt[Q_COUNT];
	char          *lines_sql;   /* the LINE_BATCH-row INSERT */
	unsigned char  key[HASH_SIZE]; /* the database's secret for keyed
	                              * hashes (meta hash_key)           */
	int            have_key;
};

/* ---- schema ----------------------------------------------------------- */

/*
 * Migrations, applied in order; migration i brings user_version from i to
 * i + 1.  Never edit a released one: add the next.
 */
static const char *migrations[] = {
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
	 * uplift_upgrade_14() (a C function, store.c) replaces customer
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
	/* 8 -> 9 (issue 17): an upgrade at the desk keeps what was booked
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
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* ---- errors ----------------------------------------------------------- */

/* What a write error most likely means, for the message. */
static const char *
err_hint(struct store *s)
{
	int x = sqlite3_extended_errcode(s->db);

	if (x == SQLITE_FULL || x == SQLITE_IOERR_WRITE ||
	    x == SQLITE_IOERR_TRUNCATE || x == SQLITE_IOERR_SHMSIZE ||
	    x == SQLITE_IOERR_SHMMAP)
		return " (is the disk full?)";
	if (x == SQLITE_IOERR_FSYNC || x == SQLITE_IOERR_DIR_FSYNC)
		return " (the disk could not confirm the write)";
	return "";
}

static int
store_fail(struct store *s, char **cause, const char *what)
{
	char *path = text_cleans(s->path, 60);

	*cause = xasprintf("%s: %s: %s%s", path, what, sqlite3_errmsg(s->db),
	    err_hint(s));
	free(path);
	return -1;
}

static int
store_exec(struct store *s, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		char *path = text_cleans(s->path, 60);

		if (cause != NULL)       /* NULL: a ROLLBACK after a failure */
			*cause = xasprintf("%s: %s%s", path, err ? err :
			    "error", err_hint(s));
		free(path);
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Run a statement whose one parameter ?1 is a row number; what names it
 * in the error.  0, or -1 with *cause. */
static int
store_exec_id(struct store *s, const char *sql, int64_t id, const char *what,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, what);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, what);
	return 0;
}

/* Run a one-value query (a PRAGMA) and return its integer, or -1. */
static int64_t
store_pragma_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int
store_pragma_text(struct store *s, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st;
	int rc = -1;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", t ? (const char *)t : "");
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- opening ---------------------------------------------------------- */

static int
store_local_fs(const char *path, char **cause)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct statfs sf;
	int rc = 0;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
	else {
		free(dir);
		dir = xstrdup(".");
	}
	if (statfs(dir, &sf) == 0) {
		switch ((unsigned long)sf.f_type) {
		case 0x6969UL:       /* NFS */
		case 0x517bUL:       /* SMB */
		case 0xff534d42UL:   /* CIFS */
		case 0xfe534d42UL:   /* SMB2 */
		case 0x564c:         /* NCP */
		case 0x01021997UL:   /* 9p */
		case 0x47504653UL:   /* GPFS */
		case 0x0bd00bd0UL:   /* Lustre */
		case 0x73757245UL:   /* Coda */
		case 0x5346414fUL:   /* AFS */
		case 0x65735546UL: { /* FUSE (sshfs and friends) */
			char *p = text_cleans(path, 60);
			*cause = xasprintf("%s: on a network filesystem; SQLite "
			    "locking is not safe there, keep the database on a "
			    "local disk", p);
			free(p);
			rc = -1;
		}
		}
	}
	free(dir);
	return rc;
}

static int
store_mkparent(const char *path, char **cause)
{
	char *dir = xstrdup(path), *p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			char *c = text_cleans(dir, 60);
			*cause = xasprintf("%s: %s", c, strerror(errno));
			free(c);
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* Set a pragma and read it back; fail if the value did not take. */
static int
store_pragma_check(struct store *s, const char *set, const char *get,
    const char *want, char **cause)
{
	char got[32];

	if (store_exec(s, set, cause) != 0)
		return -1;
	if (store_pragma_text(s, get, got, sizeof got) != 0 ||
	    strcmp(got, want) != 0) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: could not set %s (got '%s')", path,
		    set, got);
		free(path);
		return -1;
	}
	return 0;
}

static int
store_settings(struct store *s, char **cause)
{
	int on;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK || !on ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &on) !=
	    SQLITE_OK || on)
		return store_fail(s, cause, "cannot set defensive mode");
	/* A non-database file fails here, at the first statement. */
	if (store_exec(s, "SELECT count(*) FROM sqlite_schema", cause) != 0)
		return -1;
	if (store_pragma_check(s, "PRAGMA trusted_schema = OFF",
	    "PRAGMA trusted_schema", "0", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA foreign_keys = ON",
	    "PRAGMA foreign_keys", "1", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA secure_delete = ON",
	    "PRAGMA secure_delete", "1", cause) != 0)
		return -1;
	return 0;
}

static int store_own_open(const char *, char **);

/* For writing, once the file is known to be ours: WAL, full syncs. */
static int
store_settings_write(struct store *s, char **cause)
{
	int i;

	if (s->flags & STORE_READONLY)
		return 0;
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: the file is read-only (permission "
		    "denied); nothing can be saved", path);
		free(path);
		return -1;
	}
	/* The file, and so its -wal and -shm, private (rule 8). */
	if (chmod(s->path, 0600) != 0) {
		char *path = text_cleans(s->path, 60);
		*cause = xasprintf("%s: cannot make it private: %s", path,
		    strerror(errno));
		free(path);
		return -1;
	}
	/* Switching a new file to WAL takes an exclusive lock that SQLite
	 * does not wait for (no busy handler there): when another process
	 * opens the same new file at that moment, try again for as long as
	 * busy_timeout would wait. */
	for (i = 0; i < 500; i++) {
		if (sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL) != SQLITE_BUSY)
			break;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	if (store_pragma_check(s, "PRAGMA journal_mode = WAL",
	    "PRAGMA journal_mode", "wal", cause) != 0 ||
	    store_pragma_check(s, "PRAGMA synchronous = FULL",
	    "PRAGMA synchronous", "2", cause) != 0)
		return -1;
	/* the three files, as SQLite has them open: ours and private */
	return store_own_open(s->path, cause);
}

static void upgrade_14(sqlite3_context *, int, sqlite3_value **);

static int
store_migrate(struct store *s, int64_t version, char **cause)
{
	char sql[64];

	/* the C parts of migrations, called from their SQL */
	if (sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, s, upgrade_14, NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot prepare the upgrade");
	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* Re-read under the write lock: another process may have migrated. */
	version = store_pragma_int(s, "PRAGMA user_version");
	if (version < 0) {
		store_fail(s, cause, "cannot read the schema version");
		goto fail;
	}
	for (; version < NMIGRATIONS; version++) {
		if (store_exec(s, migrations[version], cause) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    (int)version + 1);
		if (store_exec(s, sql, cause) != 0)
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
	    STORE_APPLICATION_ID);
	if (store_exec(s, sql, cause) != 0 ||
	    store_exec(s, "COMMIT", cause) != 0)
		goto fail;
	sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, NULL, NULL, NULL, NULL);
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_create_function_v2(s->db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, NULL, NULL, NULL, NULL);
	return -1;
}

/*
 * Files this process has already quick_check'ed: a command that opens
 * its database more than once (to authorise, to audit, to work) checks
 * it once — the check reads every page.
 */
static struct {
	dev_t dev;
	ino_t ino;
} checked[8];
static size_t nchecked;

static int
already_checked(const char *path, int remember)
{
	struct stat sb;
	size_t i;

	if (stat(path, &sb) != 0)
		return 0;
	for (i = 0; i < nchecked; i++)
		if (checked[i].dev == sb.st_dev && checked[i].ino == sb.st_ino)
			return 1;
	if (remember && nchecked < sizeof checked / sizeof checked[0]) {
		checked[nchecked].dev = sb.st_dev;
		checked[nchecked++].ino = sb.st_ino;
	}
	return 0;
}

static int
store_check(struct store *s, char **cause)
{
	int64_t appid, version, tables;
	char ok[64];
	char *path;

	appid = store_pragma_int(s, "PRAGMA application_id");
	version = store_pragma_int(s, "PRAGMA user_version");
	tables = store_pragma_int(s, "SELECT count(*) FROM sqlite_schema");
	path = text_cleans(s->path, 60);
	if (appid != STORE_APPLICATION_ID && !(appid == 0 && tables == 0)) {
		*cause = xasprintf("%s: not an uplift database", path);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		*cause = xasprintf("%s: made by a newer uplift (schema %lld, "
		    "this one knows up to %d); upgrade uplift", path,
		    (long long)version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	/* Ours (or empty): only now may anything be changed. */
	if (store_settings_write(s, cause) != 0)
		goto fail;
	if (!(s->flags & STORE_NOCHECK) && tables > 0 &&
	    !already_checked(s->path, 0)) {
		if (store_pragma_text(s, "PRAGMA quick_check", ok,
		    sizeof ok) != 0 || strcmp(ok, "ok") != 0) {
			*cause = xasprintf("%s: the database is damaged "
			    "(quick_check: %s); restore it from a backup",
			    path, ok[0] ? ok : sqlite3_errmsg(s->db));
			goto fail;
		}
		already_checked(s->path, 1);
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (s->flags & STORE_READONLY) {
			*cause = xasprintf("%s: %s; open it once for writing "
			    "to initialise it", path, version == 0 ?
			    "not initialised" : "needs an upgrade");
			goto fail;
		}
		if (store_migrate(s, version, cause) != 0)
			goto fail;
	}
	free(path);
	return 0;
fail:
	free(path);
	return -1;
}

static void store_load_key(struct store *);

static void
store_load_meta(struct store *s)
{
	char buf[16];

	s->currency[0] = '\0';
	s->scale = 2;
	if (store_pragma_text(s, "SELECT value FROM meta WHERE key = "
	    "'currency'", buf, sizeof buf) == 0 && strlen(buf) == 3)
		memcpy(s->currency, buf, 4);
	if (store_pragma_text(s, "SELECT value FROM meta WHERE key = 'scale'",
	    buf, sizeof buf) == 0 && buf[0] >= '0' && buf[0] <= '6')
		s->scale = buf[0] - '0';
	store_load_key(s);
}

/* Refuse a file that is not a regular file of this user (fd open on it,
 * name for the message); with private, make one of ours private too.  0
 * or -1 with *cause. */
static int
store_own(int fd, const char *name, int private, char **cause)
{
	struct stat sb;
	char *p;

	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid()) {
		p = text_cleans(name, 60);
		if (S_ISREG(sb.st_mode))
			*cause = xasprintf("%s: belongs to user %ld, not to "
			    "this one (%ld): uplift keeps customers' data only "
			    "in files of its own; remove it, or use another "
			    "directory", p, (long)sb.st_uid, (long)geteuid());
		else
			*cause = xasprintf("%s: not a regular file", p);
		free(p);
		return -1;
	}
	if (private && (sb.st_mode & 077) != 0 &&
	    fchmod(fd, sb.st_mode & 0700) != 0) {
		p = text_cleans(name, 60);
		*cause = xasprintf("%s: cannot make it private: %s", p,
		    strerror(errno));
		free(p);
		return -1;
	}
	return 0;
}

/*
 * Before SQLite opens anything for writing: the database and its -wal
 * and -shm, those that exist, must each be a regular file of this user
 * (no symbolic link, no file another user planted in a shared
 * directory, which SQLite would read and write).  Nothing is changed
 * here: a file refused stays as it was.
 */
static int
store_own_files(const char *path, char **cause)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char *p, *c;
	size_t i;
	int fd, rc;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		p = xasprintf("%s%s", path, ext[i]);
		fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = errno;
			if (rc != ENOENT) {
				c = text_cleans(p, 60);
				*cause = xasprintf("%s: %s", c, rc == ELOOP ?
				    "a symbolic link: uplift does not follow "
				    "it" : strerror(rc));
				free(c);
			}
			free(p);
			if (rc == ENOENT)
				continue;
			return -1;
		}
		rc = store_own(fd, p, 0, cause);
		close(fd);
		free(p);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/*
 * Once the file is known to be ours, before anything is written: the
 * files SQLite has open for the database, its -wal and its -shm (found in
 * /proc/self/fd, so a file swapped in after store_own_files() is caught)
 * are regular files of this user, and made 0600 (SQLite gives a -wal and
 * -shm it creates the database's mode).  Skipped without /proc.
 */
static int
store_own_open(const char *path, char **cause)
{
	char real[PATH_MAX], *names[3], link[300], to[PATH_MAX];
	struct dirent *e;
	DIR *d;
	ssize_t n;
	int i, fd, rc = 0;

	if (realpath(path, real) == NULL || (d = opendir("/proc/self/fd")) ==
	    NULL)
		return 0;
	names[0] = xstrdup(real);
	names[1] = xasprintf("%s-wal", real);
	names[2] = xasprintf("%s-shm", real);
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
		if ((n = readlink(link, to, sizeof to - 1)) <= 0)
			continue;
		to[n] = '\0';
		for (i = 0; i < 3; i++)
			if (strcmp(to, names[i]) == 0) {
				fd = (int)strtol(e->d_name, NULL, 10);
				rc = store_own(fd, names[i], 1, cause);
				break;
			}
	}
	closedir(d);
	for (i = 0; i < 3; i++)
		free(names[i]);
	return rc;
}

int
store_open(struct store **out, const char *path, int flags, char **cause)
{
	struct store *s;
	struct stat sb;
	int oflags, fd;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;

	if (stat(path, &sb) != 0) {
		char *p = text_cleans(path, 60);
		if (errno != ENOENT || !(flags & STORE_CREATE) ||
		    (flags & STORE_READONLY)) {
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			goto fail;
		}
		free(p);
		if (store_mkparent(path, cause) != 0)
			goto fail;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			p = text_cleans(path, 60);
			*cause = xasprintf("%s: %s", p, strerror(errno));
			free(p);
			goto fail;
		}
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(sb.st_mode)) {
		char *p = text_cleans(path, 60);
		*cause = xasprintf("%s: not a regular file", p);
		free(p);
		goto fail;
	}
	if (store_local_fs(path, cause) != 0)
		goto fail;
	if (!(flags & STORE_READONLY) && store_own_files(path, cause) != 0)
		goto fail;

	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	/* One connection per thread: no need for SQLite's own mutexes. */
	oflags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		if (s->db == NULL) {
			*cause = xstrdup("out of memory opening the database");
			goto fail;
		}
		store_fail(s, cause, "cannot open");
		goto fail;
	}
	if (store_settings(s, cause) != 0 || store_check(s, cause) != 0)
		goto fail;
	store_load_meta(s);
	*out = s;
	return 0;
fail:
	store_close(&s);
	return -1;
}

void
store_close(struct store **sp)
{
	struct store *s = *sp;
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db != NULL)
		sqlite3_close_v2(s->db);
	free(s->path);
	free(s->lines_sql);
	free(s);
	*sp = NULL;
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

/* ---- statements ------------------------------------------------------- */

static char *
lines_batch_sql(void)
{
	char *sql = xstrdup("INSERT INTO order_line(order_id, line, item_id,"
	    " qty, unit_price, descr) VALUES "), *t;
	int i;

	for (i = 0; i < LINE_BATCH; i++) {
		t = xasprintf("%s%s(?,?,?,?,?,?)", sql, i ? "," : "");
		free(sql);
		sql = t;
	}
	return sql;
}

static sqlite3_stmt *
store_stmt(struct store *s, enum stmt_id id, char **cause)
{
	sqlite3_stmt *st = s->stmt[id];

	if (st == NULL) {
		const char *sql = stmt_sql[id];
		if (id == Q_LINES_ADD) {
			if (s->lines_sql == NULL)
				s->lines_sql = lines_batch_sql();
			sql = s->lines_sql;
		}
		if (sqlite3_prepare_v3(s->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_fail(s, cause, "cannot prepare a statement");
			return NULL;
		}
		s->stmt[id] = st;
	} else {
		/* Every caller binds every parameter. */
		sqlite3_reset(st);
	}
	return st;
}

static int
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static int
bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, v);
}

static char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t == NULL ? NULL : xstrdup((const char *)t);
}

/* Step a statement that returns nothing; 0 or -1 with cause. */
static int
store_done(struct store *s, sqlite3_stmt *st, char **cause, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, cause, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Step a lookup returning one id: 1 found, 0 not, -1 error. */
static int
store_lookup(struct store *s, sqlite3_stmt *st, int64_t *id, char **cause)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "lookup failed");
}

/* Step an INSERT ... RETURNING id: 0 and *id, or -1 with one *cause. */
static int
store_put_result(struct store *s, sqlite3_stmt *st, int64_t *id,
    char **cause, const char *what)
{
	int rc = store_lookup(s, st, id, cause);

	if (rc == 1)
		return 0;
	if (rc == 0)
		return store_fail(s, cause, what);
	return -1;    /* *cause set by store_lookup */
}

/* The id of the row whose one text key is code: 1, 0 or -1. */
static int
store_code_lookup(struct store *s, enum stmt_id q, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, q, cause);

	if (st == NULL)
		return -1;
	bind_text(st, 1, code);
	return store_lookup(s, st, id, cause);
}

/* ---- keyed hashes and the audit chain ----------------------------------- */

/* The database's secret (meta hash_key, 64 hex digits) into s->key. */
static void
store_load_key(struct store *s)
{
	char hex[2 * HASH_SIZE + 8];
	size_t i;
	int hi, lo;

	s->have_key = 0;
	if (store_pragma_text(s, "SELECT value FROM meta WHERE key ="
	    " 'hash_key'", hex, sizeof hex) != 0 || strlen(hex) !=
	    2 * HASH_SIZE)
		return;
	for (i = 0; i < HASH_SIZE; i++) {
		hi = hex[2 * i] <= '9' ? hex[2 * i] - '0' :
		    (hex[2 * i] | 0x20) - 'a' + 10;
		lo = hex[2 * i + 1] <= '9' ? hex[2 * i + 1] - '0' :
		    (hex[2 * i + 1] | 0x20) - 'a' + 10;
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
			return;
		s->key[i] = (unsigned char)(hi << 4 | lo);
	}
	s->have_key = 1;
}

/* The keyed hash (HMAC with the database's secret) of purpose and
 * text, in hex. */
static void
store_keyed(const struct store *s, const char *purpose, const char *text,
    char out[HASH_HEX])
{
	unsigned char d[HASH_SIZE];
	char *msg = xasprintf("%s:%s", purpose, text);

	hash_hmac(s->key, sizeof s->key, msg, strlen(msg), d);
	hash_hex(d, sizeof d, out);
	free(msg);
}

char *
store_customer_code(const struct store *s, const char *text)
{
	char hex[HASH_HEX], *norm;

	if (text == NULL)
		return NULL;
	if (!s->have_key || privacy_looks_personal(text) == PRIVACY_NONE)
		return xstrdup(text);
	norm = privacy_normal(text);
	store_keyed(s, "code", norm, hex);
	free(norm);
	return xasprintf("P-%.16s", hex);
}

int
store_suppressed(struct store *s, const char *code, char **cause)
{
	sqlite3_stmt *st;
	char hex[HASH_HEX], *key;
	int rc;

	if (!s->have_key)
		return 0;
	key = store_customer_code(s, code);
	store_keyed(s, "erased", key, hex);
	free(key);
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM suppressed WHERE hash ="
	    " ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the suppression list");
	bind_text(st, 1, hex);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the suppression list");
	return rc == SQLITE_ROW;
}

/* One field of an audit row into the hash: length-prefixed, so that no
 * two rows hash alike; NULL apart from "". */
static void
audit_put(struct hash_ctx *c, const char *v)
{
	char n[32];

	if (v == NULL) {
		hash_update(c, "N;", 2);
		return;
	}
	snprintf(n, sizeof n, "S%zu:", strlen(v));
	hash_update(c, n, strlen(n));
	hash_update(c, v, strlen(v));
	hash_update(c, ";", 1);
}

static void
audit_put_int(struct hash_ctx *c, int64_t v, int null)
{
	char n[32];

	if (null) {
		hash_update(c, "N;", 2);
		return;
	}
	snprintf(n, sizeof n, "I%lld;", (long long)v);
	hash_update(c, n, strlen(n));
}

/* The hash of audit row id: SHA-256 of the previous row's hash ("" for
 * the first) and the row's fields. */
static void
audit_hash(const char *prev, int64_t id, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, const char *detail,
    char out[HASH_HEX])
{
	struct hash_ctx c;
	unsigned char d[HASH_SIZE];

	hash_init(&c);
	hash_update(&c, "uplift-audit-1;", 15);
	audit_put(&c, prev);
	audit_put_int(&c, id, 0);
	audit_put_int(&c, at, 0);
	audit_put_int(&c, clerk_id, clerk_id == 0);
	audit_put(&c, action);
	audit_put(&c, subject);
	audit_put(&c, detail);
	hash_final(&c, d);
	hash_hex(d, sizeof d, out);
}

/*
 * Append an audit row inside the open transaction: the next id, the
 * hash of the last row as its prev ("" for the first), its own hash;
 * meta audit_head becomes "ID HASH".  0, or -1 with *cause.
 */
static int
audit_insert(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause)
{
	sqlite3_stmt *st;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id = 1;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT id, coalesce(hash, '') FROM"
	    " audit ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot write the audit log");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s",
		    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	audit_hash(prev, id, at, clerk_id, action, subject, NULL, hash);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO audit(id, at, clerk_id,"
	    " action, subject, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot write the audit log");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if (clerk_id != 0)
		sqlite3_bind_int64(st, 3, clerk_id);
	else
		sqlite3_bind_null(st, 3);
	bind_text(st, 4, action);
	bind_text(st, 5, subject);
	bind_text(st, 6, prev);
	bind_text(st, 7, hash);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	snprintf(head, sizeof head, "%lld %s", (long long)id, hash);
	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value)"
	    " VALUES ('audit_head', ?1)", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot write the audit log");
	bind_text(st, 1, head);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot write the audit log");
	return 0;
}

/* Migration 7's C part: keyed codes for customer ids that are email
 * addresses or phone numbers, and the audit rows already there chained.
 * Called from the migration's SQL (see migrations[]). */
static void
upgrade_14(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);
	sqlite3_stmt *st, *up;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id, last = 0;
	int rc;

	(void)argc;
	(void)argv;
	store_load_key(s);
	if (!s->have_key) {
		sqlite3_result_error(ctx, "no hash key", -1);
		return;
	}
	/* 1. customer codes (a second one that folds to the same address
	 * keeps a code of its own exact text) */
	if (sqlite3_prepare_v2(s->db, "SELECT id, code FROM customer ORDER BY"
	    " id", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "UPDATE OR IGNORE customer SET code = ?2"
	    " WHERE id = ?1", -1, &up, NULL) != SQLITE_OK) {
		sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
		return;
	}
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
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	if (rc != SQLITE_DONE) {
		sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
		return;
	}
	/* 2. the audit chain over the rows already there */
	if (sqlite3_prepare_v2(s->db, "SELECT id, at, clerk_id, action,"
	    " subject, detail FROM audit ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(s->db, "UPDATE audit SET prev = ?2,"
	    " hash = ?3 WHERE id = ?1", -1, &up, NULL) != SQLITE_OK) {
		sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
		return;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		audit_hash(prev, id, sqlite3_column_int64(st, 1),
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
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	if (rc != SQLITE_DONE) {
		sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
		return;
	}
	if (last > 0) {
		snprintf(head, sizeof head, "%lld %s", (long long)last, prev);
		if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key,"
		    " value) VALUES ('audit_head', ?1)", -1, &st, NULL) !=
		    SQLITE_OK) {
			sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
			return;
		}
		bind_text(st, 1, head);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			sqlite3_result_error(ctx, sqlite3_errmsg(s->db), -1);
			return;
		}
	}
	sqlite3_result_null(ctx);
}

/* ---- transactions ----------------------------------------------------- */

int
store_begin(struct store *s, char **cause)
{
	return store_exec(s, "BEGIN IMMEDIATE", cause);
}

int
store_commit(struct store *s, char **cause)
{
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	store_load_meta(s);     /* a currency set in it is gone too */
}

void
store_bulk_mode(struct store *s, int on)
{
	/* a bounded page cache (dirty pages spill to the -wal), temporary
	 * tables on disk; the keys an import has seen go */
	sqlite3_exec(s->db, on ? "PRAGMA cache_size = -16384;"
	    " PRAGMA temp_store = FILE; PRAGMA temp.cache_size = -4096" :
	    "PRAGMA cache_size = -2000; DROP TABLE IF EXISTS temp.import_seen",
	    NULL, NULL, NULL);
}

int
store_seen(struct store *s, int ns, const char *key, int64_t line,
    int64_t *first, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(s, "CREATE TEMP TABLE IF NOT EXISTS import_seen("
	    " ns INTEGER NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL,"
	    " PRIMARY KEY (ns, key)) WITHOUT ROWID", cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO temp.import_seen(ns, key,"
	    " line) VALUES (?1, ?2, ?3) ON CONFLICT (ns, key) DO UPDATE SET"
	    " line = line RETURNING line", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot check the keys");
	sqlite3_bind_int(st, 1, ns);
	bind_text(st, 2, key);
	sqlite3_bind_int64(st, 3, line);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*first = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot check the keys");
	return *first != line;
}

int
store_max_order_id(struct store *s, int64_t *id, char **cause)
{
	*id = store_pragma_int(s, "SELECT coalesce(max(id), 0) FROM orders");
	if (*id < 0)
		return store_fail(s, cause, "cannot read the orders");
	return 0;
}

int
store_order_lines(struct store *s, int64_t order_id, int64_t *n,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(line), 0) FROM"
	    " order_line WHERE order_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read an order");
	sqlite3_bind_int64(st, 1, order_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read an order");
	return 0;
}

/* ---- meta ------------------------------------------------------------- */

void
store_currency(const struct store *s, char cur[4], int *scale)
{
	memcpy(cur, s->currency, 4);
	*scale = s->scale;
}

int
store_set_currency(struct store *s, const char *cur, int scale, char **cause)
{
	sqlite3_stmt *st;
	char buf[2] = { (char)('0' + scale), '\0' };
	int own = sqlite3_get_autocommit(s->db), rc = -1;

	if (!money_currency_valid(cur) || scale < 0 || scale > MONEY_MAX_SCALE) {
		*cause = xstrdup("invalid currency code or scale");
		return -1;
	}
	if (s->currency[0] == '\0') {
		/* one creation path: under the write lock, read what another
		 * process may have set meanwhile, and insert only if nothing
		 * is there (the first import into a new file, twice at once) */
		if (own && store_begin(s, cause) != 0)
			return -1;
		store_load_meta(s);
		if (s->currency[0] == '\0') {
			if (sqlite3_prepare_v2(s->db, "INSERT INTO meta(key, value)"
			    " VALUES ('currency', ?1), ('scale', ?2)"
			    " ON CONFLICT(key) DO NOTHING", -1, &st, NULL) !=
			    SQLITE_OK) {
				store_fail(s, cause, "cannot set the currency");
				goto out;
			}
			bind_text(st, 1, cur);
			bind_text(st, 2, buf);
			rc = store_done(s, st, cause, "cannot set the currency");
			sqlite3_finalize(st);
			if (rc != 0)
				goto out;
			store_load_meta(s);
		}
		rc = 0;
		if (own)
			rc = store_commit(s, cause);
		if (rc != 0)
			goto out;
	}
	if (strcmp(s->currency, cur) == 0 && s->scale == scale)
		return 0;
	if (strcmp(s->currency, cur) == 0)
		*cause = xasprintf("the database keeps %s amounts with %d "
		    "decimals, this data needs %d", cur, s->scale, scale);
	else
		*cause = xasprintf("the database holds %s amounts; this data "
		    "is in %s", s->currency, cur);
	return -1;
out:
	if (own)
		store_rollback(s);
	return -1;
}

/* ---- counts ----------------------------------------------------------- */

int
store_stats(struct store *s, struct store_stats *st, char **cause)
{
	static const struct {
		const char *sql;
		size_t off;
	} q[] = {
		{ "SELECT count(*) FROM customer",
		    offsetof(struct store_stats, customers) },
		{ "SELECT count(*) FROM item", offsetof(struct store_stats, items) },
		{ "SELECT count(*) FROM orders", offsetof(struct store_stats, orders) },
		{ "SELECT count(*) FROM order_line",
		    offsetof(struct store_stats, order_lines) },
		{ "SELECT count(*) FROM hotel", offsetof(struct store_stats, hotels) },
		{ "SELECT count(*) FROM room_type",
		    offsetof(struct store_stats, room_types) },
		{ "SELECT count(*) FROM room", offsetof(struct store_stats, rooms) },
		{ "SELECT count(*) FROM reservation",
		    offsetof(struct store_stats, reservations) },
		{ "SELECT count(*) FROM offer WHERE training = 0",
		    offsetof(struct store_stats, offers) },
	};
	size_t i;
	int64_t v;

	memset(st, 0, sizeof *st);
	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		v = store_pragma_int(s, q[i].sql);
		if (v < 0)
			return store_fail(s, cause, "cannot count");
		*(int64_t *)(void *)((char *)st + q[i].off) = v;
	}
	return 0;
}

/* ---- catalogue -------------------------------------------------------- */

/* The columns of ITEM_COLUMNS, in that order, into *it (owning). */
static void
item_from_row(sqlite3_stmt *st, struct item *it)
{
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->sku = col_text(st, 1);
	it->name = col_text(st, 2);
	it->category = col_text(st, 3);
	it->family = col_text(st, 4);
	it->tier = sqlite3_column_int(st, 5);
	it->brand_tier = sqlite3_column_int(st, 6);
	it->price = sqlite3_column_int64(st, 7);
	it->stock = sqlite3_column_type(st, 8) == SQLITE_NULL ?
	    ITEM_NO_STOCK : sqlite3_column_int64(st, 8);
	it->barcode = col_text(st, 9);
	it->season_start = sqlite3_column_int(st, 10);
	it->season_end = sqlite3_column_int(st, 11);
	it->refill_days = sqlite3_column_int(st, 12);
	it->benefit = col_text(st, 13);
	it->kind = sqlite3_column_int(st, 14) == ITEM_SERVICE ? ITEM_SERVICE :
	    ITEM_PRODUCT;
}

int
store_item_id(struct store *s, const char *sku, int64_t *id,
    char **cause)
{
	return store_code_lookup(s, Q_ITEM_ID, sku, id, cause);
}

int
store_item_put(struct store *s, const struct item *it, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_PUT, cause);

	if (st == NULL)
		return -1;
	bind_text(st, 1, it->sku);
	bind_text(st, 2, it->name ? it->name : "");
	bind_text(st, 3, it->category);
	bind_text(st, 4, it->family);
	sqlite3_bind_int(st, 5, it->tier > 0 ? it->tier : 1);
	sqlite3_bind_int(st, 6, it->brand_tier > 0 ? it->brand_tier : 2);
	sqlite3_bind_int64(st, 7, it->price);
	if (it->stock == ITEM_NO_STOCK)
		sqlite3_bind_null(st, 8);
	else
		sqlite3_bind_int64(st, 8, it->stock);
	bind_text(st, 9, it->barcode);
	bind_id(st, 10, it->season_start);
	bind_id(st, 11, it->season_end);
	bind_id(st, 12, it->refill_days);
	bind_text(st, 13, it->benefit);
	if (it->kind == ITEM_PRODUCT || it->kind == ITEM_SERVICE)
		sqlite3_bind_int(st, 14, it->kind);
	else
		sqlite3_bind_null(st, 14);      /* STORE_KIND_KEEP */
	return store_put_result(s, st, id, cause, "cannot save an item");
}

int
store_item_set_kind(struct store *s, int64_t id, int kind, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_KIND, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, kind == ITEM_SERVICE ? ITEM_SERVICE :
	    ITEM_PRODUCT);
	return store_done(s, st, cause, "cannot set an item's kind");
}

int
store_item_set_price(struct store *s, int64_t id, int64_t price,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_PRICE, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, price);
	return store_done(s, st, cause, "cannot set a price");
}

int
store_item_get(struct store *s, int64_t id, struct item *it, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ITEM_GET, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 :
		    store_fail(s, cause, "cannot read an item");
	}
	item_from_row(st, it);
	sqlite3_reset(st);
	return 1;
}

/*
 * Step st (bound, unstepped) to its end, appending each row to a growing
 * array of size-byte elements that row() fills; finalizes st.  On an
 * error, clear() (if not NULL) releases the rows read and the array is
 * freed.  0 and *out / *n, or -1 with *cause naming what failed.
 */
static int
store_collect(struct store *s, sqlite3_stmt *st, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*clear)(void *), void **out,
    size_t *n, char **cause, const char *what)
{
	char *list = NULL;
	size_t cnt = 0, cap = 0, i;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? 2 * cap : 64;
			list = xreallocarray(list, cap, size);
		}
		row(st, list + cnt++ * size);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (i = 0; clear != NULL && i < cnt; i++)
			clear(list + i * size);
		free(list);
		*out = NULL;
		*n = 0;
		return store_fail(s, cause, what);
	}
	*out = list;
	*n = cnt;
	return 0;
}

/* Row fillers and clearers for store_collect(). */
static void
item_row(sqlite3_stmt *st, void *p)
{
	item_from_row(st, p);
}

static void
item_clear_v(void *p)
{
	item_clear(p);
}

int
store_items(struct store *s, struct item **out, size_t *n, char **cause)
{
	static const char sql[] = "SELECT " ITEM_COLUMNS " FROM item ORDER BY id";
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the catalogue");
	return store_collect(s, st, sizeof **out, item_row, item_clear_v,
	    (void **)out, n, cause, "cannot read the catalogue");
}

void
store_items_free(struct item **list, size_t n)
{
	size_t i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		item_clear(&(*list)[i]);
	xfree(list);
}

int
store_item_benefit_put(struct store *s, int64_t item_id, const char *lang,
    const char *text, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, text != NULL ? Q_BENEFIT_PUT :
	    Q_BENEFIT_DEL, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, item_id);
	bind_text(st, 2, lang);
	if (text != NULL)
		bind_text(st, 3, text);
	return store_done(s, st, cause, "cannot save a benefit line");
}

static void
benefit_row(sqlite3_stmt *st, void *p)
{
	struct item_text *t = p;

	t->item_id = sqlite3_column_int64(st, 0);
	snprintf(t->lang, sizeof t->lang, "%s",
	    (const char *)sqlite3_column_text(st, 1));
	t->text = col_text(st, 2);
}

static void
benefit_clear(void *p)
{
	free(((struct item_text *)p)->text);
}

int
store_item_benefits(struct store *s, struct item_text **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT item_id, lang, text FROM"
	    " item_benefit ORDER BY item_id, lang", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read benefit lines");
	return store_collect(s, st, sizeof **out, benefit_row, benefit_clear,
	    (void **)out, n, cause, "cannot read benefit lines");
}

/* ---- categories -------------------------------------------------------- */

int
store_category_put(struct store *s, const struct category *c, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_CAT_ID, cause);
	int64_t one;
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, c->name);
	if ((rc = store_lookup(s, st, &one, cause)) < 0)
		return -1;
	if ((st = store_stmt(s, Q_CAT_PUT, cause)) == NULL)
		return -1;
	bind_text(st, 1, c->name);
	bind_id(st, 2, c->refill_days);
	if (store_done(s, st, cause, "cannot save a category") != 0)
		return -1;
	return rc == 1 ? 0 : 1;
}

static void
category_row(sqlite3_stmt *st, void *p)
{
	struct category *c = p;

	c->name = col_text(st, 0);
	c->refill_days = sqlite3_column_int(st, 1);
}

static void
category_clear_v(void *p)
{
	category_clear(p);
}

int
store_categories(struct store *s, struct category **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name, refill_days FROM category"
	    " ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the categories");
	return store_collect(s, st, sizeof **out, category_row,
	    category_clear_v, (void **)out, n, cause,
	    "cannot read the categories");
}

void
store_categories_free(struct category **list, size_t n)
{
	size_t i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		category_clear(&(*list)[i]);
	xfree(list);
}

int
store_bundle_put(struct store *s, const struct bundle *b, int64_t *id,
    int *existed, char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = store_code_lookup(s, Q_BUNDLE_ID, b->code, id, cause)) < 0)
		return -1;
	*existed = rc;
	if ((st = store_stmt(s, Q_BUNDLE_PUT, cause)) == NULL)
		return -1;
	bind_text(st, 1, b->code);
	bind_text(st, 2, b->name);
	sqlite3_bind_int64(st, 3, b->price);
	if (store_put_result(s, st, id, cause, "cannot save a bundle") != 0)
		return -1;
	if ((st = store_stmt(s, Q_BUNDLE_CLEAR, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	if (store_done(s, st, cause, "cannot save a bundle") != 0)
		return -1;
	for (i = 0; i < b->nitems; i++) {
		if ((st = store_stmt(s, Q_BUNDLE_ITEM, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, b->items[i].item_id);
		sqlite3_bind_int64(st, 3, b->items[i].qty);
		if (store_done(s, st, cause, "cannot save a bundle") != 0)
			return -1;
	}
	return 0;
}

int
store_bundles(struct store *s, struct bundle **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT b.id, b.code, b.name, b.price, i.item_id, i.qty"
	    " FROM bundle b JOIN bundle_item i ON i.bundle_id = b.id"
	    " ORDER BY b.id, i.item_id";
	sqlite3_stmt *st;
	struct bundle *list = NULL, *b = NULL;
	size_t cnt = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the bundles");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (b == NULL || b->id != id) {
			if (cnt == cap) {
				cap = cap ? 2 * cap : 16;
				list = xreallocarray(list, cap, sizeof *list);
			}
			b = &list[cnt++];
			memset(b, 0, sizeof *b);
			b->id = id;
			b->code = col_text(st, 1);
			b->name = col_text(st, 2);
			b->price = sqlite3_column_int64(st, 3);
		}
		b->items = xreallocarray(b->items, b->nitems + 1,
		    sizeof *b->items);
		b->items[b->nitems].item_id = sqlite3_column_int64(st, 4);
		b->items[b->nitems++].qty = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_bundles_free(&list, cnt);
		return store_fail(s, cause, "cannot read the bundles");
	}
	*out = list;
	*n = cnt;
	return 0;
}

void
store_bundles_free(struct bundle **list, size_t n)
{
	size_t i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		bundle_clear(&(*list)[i]);
	xfree(list);
}

/* ---- customers -------------------------------------------------------- */

/* The digits of a phone number, reversed, so that "ends with" is a prefix
 * search on an index.  NULL if it has no digit. */
static char *
phone_reverse(const char *phone)
{
	size_t n = 0, len;
	char *r;

	if (phone == NULL)
		return NULL;
	len = strlen(phone);
	r = xmalloc(len + 1);
	while (len-- > 0)
		if (phone[len] >= '0' && phone[len] <= '9')
			r[n++] = phone[len];
	r[n] = '\0';
	if (n == 0)
		xfree(&r);
	return r;
}

int
store_customer_id(struct store *s, const char *code, int64_t *id,
    char **cause)
{
	char *key = store_customer_code(s, code);
	int rc = store_code_lookup(s, Q_CUST_ID, key, id, cause);

	free(key);
	return rc;
}

int
store_customer_put(struct store *s, const struct customer *c, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_CUST_PUT, cause);
	char *rev, *code;
	int rc;

	if (st == NULL)
		return -1;
	rev = phone_reverse(c->phone);
	code = store_customer_code(s, c->code);
	bind_text(st, 1, code);
	bind_text(st, 2, c->name ? c->name : "");
	bind_text(st, 3, c->phone);
	bind_text(st, 4, rev);
	bind_text(st, 5, c->email);
	bind_text(st, 6, c->loyalty);
	bind_text(st, 7, c->lang);
	bind_text(st, 8, c->segment);
	bind_text(st, 9, c->country);
	sqlite3_bind_int(st, 10, c->consent);
	rc = store_put_result(s, st, id, cause, "cannot save a customer");
	free(rev);
	free(code);
	return rc;
}

static void
customer_from_row(sqlite3_stmt *st, struct customer *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->code = col_text(st, 1);
	c->name = col_text(st, 2);
	c->phone = col_text(st, 3);
	c->email = col_text(st, 4);
	c->loyalty = col_text(st, 5);
	c->lang = col_text(st, 6);
	c->segment = col_text(st, 7);
	c->country = col_text(st, 8);
	c->consent = sqlite3_column_int(st, 9);
}

static void
customer_row(sqlite3_stmt *st, void *p)
{
	customer_from_row(st, p);
}

static void
customer_clear_v(void *p)
{
	customer_clear(p);
}

int
store_customer_get(struct store *s, int64_t id, struct customer *c,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_CUST_GET, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 :
		    store_fail(s, cause, "cannot read a customer");
	}
	customer_from_row(st, c);
	sqlite3_reset(st);
	return 1;
}

/* Escape LIKE wildcards in text with '\'. */
static char *
like_escape(const char *text)
{
	size_t n = strlen(text), i, j = 0;
	char *r = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			r[j++] = '\\';
		r[j++] = text[i];
	}
	r[j] = '\0';
	return r;
}

int
store_customers_find(struct store *s, const char *text, size_t limit,
    struct customer **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT id, code, name, phone, email, loyalty, lang, segment,"
	    " country, consent, min(rank) FROM ("
	    "  SELECT id, 0 AS rank FROM customer WHERE code IN (?1, ?6)"
	    "  UNION ALL SELECT id, 1 FROM customer WHERE loyalty = ?1"
	    "  UNION ALL SELECT id, 2 FROM customer WHERE ?2 IS NOT NULL"
	    "    AND phone_rev >= ?2 AND phone_rev < ?2 || ':'"
	    "  UNION ALL SELECT id, 2 FROM customer WHERE phone_rev = ?5"
	    "  UNION ALL SELECT id, 3 FROM customer"
	    "    WHERE name LIKE ?3 || '%' ESCAPE '\\'"
	    "  UNION ALL SELECT id, 4 FROM customer"
	    "    WHERE name LIKE '%' || ?3 || '%' ESCAPE '\\'"
	    ") JOIN customer USING (id) WHERE erased = 0"
	    " GROUP BY id ORDER BY min(rank), name COLLATE NOCASE, id"
	    " LIMIT ?4";
	sqlite3_stmt *st;
	char *rev, *pat, *key;
	int rc;

	*out = NULL;
	*n = 0;
	if (text == NULL || *text == '\0' || limit == 0)
		return 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot search customers");
	/* a phone by its last 4 digits exactly (what the mask shows), or
	 * by the whole number: never by 5 or more trailing digits, which
	 * would give the number away a digit at a time */
	rev = phone_reverse(text);
	pat = like_escape(text);
	bind_text(st, 1, text);
	bind_text(st, 2, rev != NULL && strlen(rev) == 4 ? rev : NULL);
	bind_text(st, 3, pat);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	bind_text(st, 5, rev != NULL && strlen(rev) > 4 ? rev : NULL);
	/* an email address or a whole phone number: the code it became */
	key = store_customer_code(s, text);
	bind_text(st, 6, key);
	rc = store_collect(s, st, sizeof **out, customer_row, customer_clear_v,
	    (void **)out, n, cause, "cannot search customers");
	free(rev);
	free(pat);
	free(key);
	return rc;
}

void
store_customers_free(struct customer **list, size_t n)
{
	size_t i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		customer_clear(&(*list)[i]);
	xfree(list);
}

/* ---- orders ----------------------------------------------------------- */

int
store_order_id(struct store *s, const char *code, int64_t *id,
    char **cause)
{
	return store_code_lookup(s, Q_ORDER_ID, code, id, cause);
}

int
store_order_add(struct store *s, const struct order *o, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ORDER_ADD, cause);

	if (st == NULL)
		return -1;
	bind_text(st, 1, o->code);
	bind_id(st, 2, o->customer_id);
	sqlite3_bind_int64(st, 3, o->at);
	sqlite3_bind_int(st, 4, o->kind);
	bind_text(st, 5, o->country);
	bind_text(st, 6, o->source);
	if (store_done(s, st, cause, "cannot save an order") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int
store_line_add(struct store *s, int64_t order_id, int line, int64_t item_id,
    int64_t qty, int64_t unit_price, const char *descr, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_LINE_ADD, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, order_id);
	sqlite3_bind_int(st, 2, line);
	sqlite3_bind_int64(st, 3, item_id);
	sqlite3_bind_int64(st, 4, qty);
	sqlite3_bind_int64(st, 5, unit_price);
	bind_text(st, 6, descr);
	return store_done(s, st, cause, "cannot save an order line");
}

int
store_lines_add(struct store *s, const struct order_line_rec *v, size_t n,
    char **cause)
{
	sqlite3_stmt *st;
	size_t i;
	int k;

	while (n >= LINE_BATCH) {
		if ((st = store_stmt(s, Q_LINES_ADD, cause)) == NULL)
			return -1;
		for (i = 0, k = 1; i < LINE_BATCH; i++, v++) {
			sqlite3_bind_int64(st, k++, v->order_id);
			sqlite3_bind_int(st, k++, v->line);
			sqlite3_bind_int64(st, k++, v->item_id);
			sqlite3_bind_int64(st, k++, v->qty);
			sqlite3_bind_int64(st, k++, v->unit_price);
			bind_text(st, k++, v->descr);
		}
		if (store_done(s, st, cause, "cannot save order lines") != 0)
			return -1;
		n -= LINE_BATCH;
	}
	for (; n > 0; n--, v++)
		if (store_line_add(s, v->order_id, v->line, v->item_id, v->qty,
		    v->unit_price, v->descr, cause) != 0)
			return -1;
	return 0;
}

/* ---- history ---------------------------------------------------------- */

int
store_history(struct store *s, int64_t customer_id, size_t limit,
    struct history *h, char **cause)
{
	static const char lines_sql[] =
	    "SELECT o.code, o.at, o.kind, i.sku, coalesce(l.descr, i.name),"
	    " l.qty, l.unit_price"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id"
	    " WHERE o.customer_id = ?1"
	    " ORDER BY o.at DESC, o.id DESC, l.line LIMIT ?2";
	static const char totals_sql[] =
	    "SELECT count(*), coalesce(sum(l.qty * l.unit_price), 0),"
	    " (SELECT count(*) FROM orders WHERE customer_id = ?1 AND kind = 0),"
	    " (SELECT count(*) FROM orders WHERE customer_id = ?1 AND kind = 1),"
	    " (SELECT min(at) FROM orders WHERE customer_id = ?1 AND kind = 0),"
	    " (SELECT max(at) FROM orders WHERE customer_id = ?1 AND kind = 0)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.customer_id = ?1";
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc;

	memset(h, 0, sizeof *h);
	if (sqlite3_prepare_v2(s->db, totals_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read history");
	sqlite3_bind_int64(st, 1, customer_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return store_fail(s, cause, "cannot read history");
	}
	h->total_lines = (size_t)sqlite3_column_int64(st, 0);
	h->lifetime = sqlite3_column_int64(st, 1);
	h->visits = sqlite3_column_int64(st, 2);
	h->returns = sqlite3_column_int64(st, 3);
	h->first_at = sqlite3_column_int64(st, 4);
	h->last_at = sqlite3_column_int64(st, 5);
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(s->db, lines_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read history");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, limit > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_line *l;

		if (h->n == cap) {
			cap = cap ? 2 * cap : 32;
			h->lines = xreallocarray(h->lines, cap, sizeof *h->lines);
		}
		l = &h->lines[h->n++];
		l->order_code = col_text(st, 0);
		l->at = sqlite3_column_int64(st, 1);
		l->kind = sqlite3_column_int(st, 2);
		l->sku = col_text(st, 3);
		l->name = col_text(st, 4);
		l->qty = sqlite3_column_int64(st, 5);
		l->unit_price = sqlite3_column_int64(st, 6);
		if (money_mul(l->qty, l->unit_price, &l->amount) != 0) {
			/* not what uplift imports: changed outside it */
			rc = SQLITE_RANGE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_RANGE) {
		store_history_free(h);
		*cause = xstrdup("an order line's amount is beyond the largest "
		    "amount uplift keeps (the database was changed outside "
		    "uplift; uplift check tells more)");
		return -1;
	}
	if (rc != SQLITE_DONE) {
		store_history_free(h);
		return store_fail(s, cause, "cannot read history");
	}
	return 0;
}

void
store_history_free(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->lines[i].order_code);
		free(h->lines[i].sku);
		free(h->lines[i].name);
	}
	free(h->lines);
	memset(h, 0, sizeof *h);
}

int
store_profile(struct store *s, int64_t customer_id, int64_t now,
    struct profile *p, char **cause)
{
	static const char top_sql[] =
	    "SELECT i.sku, i.name, sum(l.qty), count(DISTINCT o.id)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id"
	    " WHERE o.customer_id = ?1 AND o.kind = 0 AND i.kind = 0"
	    " GROUP BY i.id ORDER BY 4 DESC, 3 DESC, i.sku LIMIT ?2";
	static const char month_sql[] =
	    "SELECT o.at, sum(l.qty * l.unit_price)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.customer_id = ?1 AND o.at >= ?2 AND o.at < ?3"
	    " GROUP BY o.id";
	sqlite3_stmt *st;
	int y, m, d, rc, k;
	int64_t from, to, at;

	memset(p, 0, sizeof *p);
	if (sqlite3_prepare_v2(s->db, top_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the profile");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int(st, 2, PROFILE_TOP);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct profile_item *it = &p->top[p->ntop++];
		it->sku = col_text(st, 0);
		it->name = col_text(st, 1);
		it->qty = sqlite3_column_int64(st, 2);
		it->orders = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_profile_free(p);
		return store_fail(s, cause, "cannot read the profile");
	}

	/* Month boundaries: from the first day of the month 11 months
	 * before now's, to the first day of the month after now's. */
	civil_from_days(civil_day_of(now), &y, &m, &d);
	to = civil_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) *
	    CIVIL_DAY;
	m -= PROFILE_MONTHS - 1;
	while (m < 1) {
		m += 12;
		y--;
	}
	from = civil_days(y, m, 1) * CIVIL_DAY;
	if (sqlite3_prepare_v2(s->db, month_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the profile");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int oy, om, od;
		at = sqlite3_column_int64(st, 0);
		civil_from_days(civil_day_of(at), &oy, &om, &od);
		k = (oy - y) * 12 + (om - m);
		if (k >= 0 && k < PROFILE_MONTHS)
			p->month_spend[k] += sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_profile_free(p);
		return store_fail(s, cause, "cannot read the profile");
	}
	return 0;
}

void
store_profile_free(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->ntop; i++) {
		free(p->top[i].sku);
		free(p->top[i].name);
	}
	memset(p, 0, sizeof *p);
}

/* ---- baskets and the mined model --------------------------------------- */

/* The sale orders before `before`: ids ascending, with who and when. */
struct order_meta {
	int64_t *id, *customer, *at;
	size_t   n, cap;
};

static int
order_meta_load(struct store *s, int64_t before, struct order_meta *om,
    char **cause)
{
	static const char sql[] =
	    "SELECT id, coalesce(customer_id, 0), at FROM orders"
	    " WHERE kind = 0 AND at < ?1 ORDER BY id";
	sqlite3_stmt *st;
	int rc;

	memset(om, 0, sizeof *om);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the order history");
	sqlite3_bind_int64(st, 1, before);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (om->n == om->cap) {
			om->cap = om->cap ? 2 * om->cap : 1024;
			om->id = xreallocarray(om->id, om->cap, sizeof *om->id);
			om->customer = xreallocarray(om->customer, om->cap,
			    sizeof *om->customer);
			om->at = xreallocarray(om->at, om->cap, sizeof *om->at);
		}
		om->id[om->n] = sqlite3_column_int64(st, 0);
		om->customer[om->n] = sqlite3_column_int64(st, 1);
		om->at[om->n++] = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	return 0;
}

static void
order_meta_free(struct order_meta *om)
{
	free(om->id);
	free(om->customer);
	free(om->at);
	memset(om, 0, sizeof *om);
}

/* The index of order id in om (ids ascending, visited in order: the
 * search starts at *hint), or SIZE_MAX. */
static size_t
order_meta_find(const struct order_meta *om, int64_t id, size_t *hint)
{
	size_t lo = *hint, hi = om->n, mid;

	if (lo < om->n && om->id[lo] == id)
		return lo;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (om->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*hint = lo;
	return lo < om->n && om->id[lo] == id ? lo : SIZE_MAX;
}

int
store_baskets(struct store *s, int64_t before, struct baskets *b,
    char **cause)
{
	static const char items_sql[] =
	    "SELECT id, sku, name FROM item WHERE kind = 0 ORDER BY id";
	static const char lines_sql[] =
	    "SELECT order_id, item_id FROM order_line WHERE qty > 0"
	    " ORDER BY order_id, line";
	struct order_meta om;
	sqlite3_stmt *st;
	int64_t maxid = 0, id, order, cur = -1;
	uint32_t *dense = xmalloc(sizeof *dense), *basket = NULL;
	size_t nb = 0, capb = 0, hint = 0, oi = SIZE_MAX;
	int rc;

	if (sqlite3_prepare_v2(s->db, items_sql, -1, &st, NULL) != SQLITE_OK) {
		free(dense);
		return store_fail(s, cause, "cannot read the catalogue");
	}
	/* Item ids are small and dense: map them through an array. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *sku = sqlite3_column_text(st, 1);
		const unsigned char *name = sqlite3_column_text(st, 2);
		uint32_t k;

		id = sqlite3_column_int64(st, 0);
		k = baskets_item(b, (const char *)sku, (size_t)
		    sqlite3_column_bytes(st, 1));
		if (name != NULL)
			baskets_set_title(b, k, (const char *)name, (size_t)
			    sqlite3_column_bytes(st, 2));
		if (id > maxid) {
			/* Slots maxid+1 .. id are new: no item (yet). */
			dense = xreallocarray(dense, (size_t)id + 1,
			    sizeof *dense);
			memset(dense + maxid + 1, 0xff,
			    (size_t)(id - maxid) * sizeof *dense);
			maxid = id;
		}
		dense[id] = k;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(dense);
		return store_fail(s, cause, "cannot read the catalogue");
	}
	b->ids = xreallocarray(NULL, b->nitems ? b->nitems : 1,
	    sizeof *b->ids);
	for (id = 1; id <= maxid; id++)
		if (dense[id] != UINT32_MAX)
			b->ids[dense[id]] = id;
	if (order_meta_load(s, before, &om, cause) != 0) {
		free(dense);
		return -1;
	}

	/* The lines in the order they were rung up, one table scan; the
	 * orders they belong to are looked up, not joined. */
	if (sqlite3_prepare_v2(s->db, lines_sql, -1, &st, NULL) != SQLITE_OK) {
		free(dense);
		order_meta_free(&om);
		return store_fail(s, cause, "cannot read the order history");
	}
	for (;;) {
		rc = sqlite3_step(st);
		order = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
		if (order != cur) {
			if (oi != SIZE_MAX && nb > 0)
				baskets_add_meta(b, basket, nb,
				    om.customer[oi], om.at[oi]);
			nb = 0;
			cur = order;
			oi = rc == SQLITE_ROW ? order_meta_find(&om, order,
			    &hint) : SIZE_MAX;
		}
		if (rc != SQLITE_ROW)
			break;
		if (oi == SIZE_MAX)
			continue;       /* a return, or not before `before` */
		id = sqlite3_column_int64(st, 1);
		if (id < 1 || id > maxid || dense[id] == UINT32_MAX)
			continue;
		if (nb == capb) {
			capb = capb ? 2 * capb : 64;
			basket = xreallocarray(basket, capb, sizeof *basket);
		}
		basket[nb++] = dense[id];
	}
	sqlite3_finalize(st);
	free(basket);
	free(dense);
	order_meta_free(&om);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	return 0;
}

int
store_order_scan(struct store *s, int64_t before, store_order_fn fn,
    void *arg, char **cause)
{
	static const char lines_sql[] =
	    "SELECT order_id, item_id, qty FROM order_line WHERE qty > 0"
	    " AND item_id NOT IN (SELECT id FROM item WHERE kind = 1)"
	    " ORDER BY order_id, line";
	struct order_meta om;
	sqlite3_stmt *st;
	int64_t *items = NULL, *qty = NULL, order, cur = -1, id;
	size_t n = 0, cap = 0, i, hint = 0, oi = SIZE_MAX;
	int rc, stop = 0;

	if (order_meta_load(s, before, &om, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, lines_sql, -1, &st, NULL) != SQLITE_OK) {
		order_meta_free(&om);
		return store_fail(s, cause, "cannot read the order history");
	}
	for (;;) {
		rc = sqlite3_step(st);
		order = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
		if (order != cur) {
			if (oi != SIZE_MAX && n > 0 && (stop = fn(arg,
			    om.customer[oi], om.at[oi], items, qty, n)) != 0)
				break;
			n = 0;
			cur = order;
			oi = rc == SQLITE_ROW ? order_meta_find(&om, order,
			    &hint) : SIZE_MAX;
		}
		if (rc != SQLITE_ROW)
			break;
		if (oi == SIZE_MAX)
			continue;
		/* distinct, in the order of their first line */
		id = sqlite3_column_int64(st, 1);
		for (i = 0; i < n && items[i] != id; i++)
			;
		if (i < n) {
			int64_t q = sqlite3_column_int64(st, 2);
			qty[i] = qty[i] > INT64_MAX - q ? INT64_MAX : qty[i] + q;
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			items = xreallocarray(items, cap, sizeof *items);
			qty = xreallocarray(qty, cap, sizeof *qty);
		}
		qty[n] = sqlite3_column_int64(st, 2);
		items[n++] = id;
	}
	sqlite3_finalize(st);
	free(items);
	free(qty);
	order_meta_free(&om);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the order history");
	return 0;
}

int
store_model_save(struct store *s, const char *name, int64_t built,
    const void *data, size_t size, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO model(name,"
	    " built, data) VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, cause, "cannot save the model");
		store_rollback(s);
		return -1;
	}
	bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, built);
	sqlite3_bind_blob64(st, 3, data, size, SQLITE_STATIC);
	rc = store_done(s, st, cause, "cannot save the model");
	sqlite3_finalize(st);
	if (rc != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_model_load(struct store *s, const char *name, void **data,
    size_t *size, int64_t *built, char **cause)
{
	sqlite3_stmt *st;
	const void *blob;
	int rc;

	*data = NULL;
	*size = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT built, data FROM model"
	    " WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the model");
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*built = sqlite3_column_int64(st, 0);
		blob = sqlite3_column_blob(st, 1);
		*size = (size_t)sqlite3_column_bytes(st, 1);
		*data = xmalloc(*size);
		if (*size > 0)
			memcpy(*data, blob, *size);
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "cannot read the model");
}

static void
offer_row(sqlite3_stmt *st, void *p)
{
	struct past_offer *o = p;

	o->item_id = sqlite3_column_int64(st, 0);
	o->kind = sqlite3_column_int(st, 1);
	o->outcome = sqlite3_column_int(st, 2);
	o->at = sqlite3_column_int64(st, 3);
}

int
store_customer_orders(struct store *s, int64_t customer_id, int64_t before,
    struct store_orders *out, char **cause)
{
	static const char sql[] =
	    "SELECT o.id, o.at, l.item_id FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.id IN (SELECT id FROM orders WHERE customer_id = ?1"
	    "  AND kind = 0 AND at < ?2 ORDER BY at DESC, id DESC LIMIT ?3)"
	    " AND l.qty > 0 AND l.item_id NOT IN (SELECT id FROM item"
	    "  WHERE kind = 1) ORDER BY o.at, o.id, l.line";
	sqlite3_stmt *st;
	int64_t cur = -1, order;
	size_t *first = NULL, cap = 0, capv = 0, nitems = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read purchases");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, before);
	sqlite3_bind_int(st, 3, BUYER_HISTORY_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		order = sqlite3_column_int64(st, 0);
		if (order != cur) {
			if (out->n == capv) {
				capv = capv ? 2 * capv : 16;
				out->v = xreallocarray(out->v, capv,
				    sizeof *out->v);
				first = xreallocarray(first, capv,
				    sizeof *first);
			}
			out->v[out->n].at = sqlite3_column_int64(st, 1);
			out->v[out->n].n = 0;
			first[out->n++] = nitems;
			cur = order;
		}
		if (nitems == cap) {
			cap = cap ? 2 * cap : 256;
			out->items = xreallocarray(out->items, cap,
			    sizeof *out->items);
		}
		out->items[nitems++] = sqlite3_column_int64(st, 2);
		out->v[out->n - 1].n++;
	}
	sqlite3_finalize(st);
	/* the pool has stopped moving: point into it */
	for (i = 0; i < out->n; i++)
		out->v[i].items = out->items + first[i];
	free(first);
	if (rc != SQLITE_DONE) {
		store_orders_free(out);
		return store_fail(s, cause, "cannot read purchases");
	}
	return 0;
}

void
store_orders_free(struct store_orders *o)
{
	free(o->v);
	free(o->items);
	memset(o, 0, sizeof *o);
}

int
store_buyer(struct store *s, int64_t customer_id, int64_t now,
    int64_t offers_since, struct store_buyer *out, char **cause)
{
	struct store_orders o;
	size_t n = 0;

	memset(out, 0, sizeof *out);
	if (customer_id == 0)
		return 0;
	if (store_customer_orders(s, customer_id, now, &o, cause) != 0)
		return -1;
	buyer_hist_build(&out->hist, o.v, o.n);
	store_orders_free(&o);
	if (store_past_offers(s, customer_id, offers_since, &out->offers, &n,
	    cause) != 0) {
		store_buyer_free(out);
		return -1;
	}
	out->b = buyer_of(&out->hist, customer_id);
	out->b.offers = out->offers;
	out->b.noffers = n;
	return 0;
}

void
store_buyer_free(struct store_buyer *sb)
{
	buyer_hist_free(&sb->hist);
	free(sb->offers);
	memset(sb, 0, sizeof *sb);
}

static void
take_row(sqlite3_stmt *st, void *p)
{
	struct take_rate *t = p;

	t->item_id = sqlite3_column_int64(st, 0);
	t->kind = sqlite3_column_int(st, 1);
	t->offered = (uint32_t)sqlite3_column_int64(st, 2);
	t->accepted = (uint32_t)sqlite3_column_int64(st, 3);
}

int
store_take_rates(struct store *s, struct take_rate **out, size_t *n,
    char **cause)
{
	static const char sql[] =
	    "SELECT item_id, kind, sum(outcome = 0), sum(outcome = 1)"
	    " FROM offer WHERE training = 0 AND item_id IS NOT NULL"
	    " AND reservation_id IS NULL GROUP BY item_id, kind"
	    " ORDER BY item_id, kind";
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the offer log");
	return store_collect(s, st, sizeof **out, take_row, NULL,
	    (void **)out, n, cause, "cannot read the offer log");
}

int
store_past_offers(struct store *s, int64_t customer_id, int64_t since,
    struct past_offer **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT item_id, kind, outcome, at FROM offer"
	    " WHERE customer_id = ?1 AND at >= ?2 AND outcome IN (1, 2)"
	    " AND training = 0 AND item_id IS NOT NULL ORDER BY at DESC";
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read offers");
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, since);
	return store_collect(s, st, sizeof **out, offer_row, NULL,
	    (void **)out, n, cause, "cannot read offers");
}

/* ---- talking points ----------------------------------------------------- */

int
store_script_rows_put(struct store *s, const char *lang,
    const struct script_row *rows, size_t n, char **cause)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM script WHERE lang = ?1", -1,
	    &st, NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, lang);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, "INSERT INTO script(kind, scope, lang,"
	    " variant, line, text) VALUES (?1,?2,?3,?4,?5,?6)", -1, &st,
	    NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < n; i++) {
		sqlite3_reset(st);
		bind_text(st, 1, rows[i].kind);
		bind_text(st, 2, rows[i].scope);
		bind_text(st, 3, lang);
		bind_text(st, 4, rows[i].variant);
		sqlite3_bind_int(st, 5, rows[i].line);
		bind_text(st, 6, rows[i].text);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_finalize(st);
	return store_commit(s, cause);
fail:
	store_fail(s, cause, "cannot save the talking points");
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

static void
script_row_of(sqlite3_stmt *st, void *p)
{
	struct script_row *r = p;

	r->kind = col_text(st, 0);
	r->scope = col_text(st, 1);
	snprintf(r->lang, sizeof r->lang, "%s",
	    (const char *)sqlite3_column_text(st, 2));
	r->variant = col_text(st, 3);
	r->line = sqlite3_column_int(st, 4);
	r->text = col_text(st, 5);
}

static void
script_row_clear(void *p)
{
	struct script_row *r = p;

	free(r->kind);
	free(r->scope);
	free(r->variant);
	free(r->text);
}

int
store_script_rows(struct store *s, struct script_row **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT kind, scope, lang, variant, line,"
	    " text FROM script ORDER BY lang, kind, scope, variant, line", -1,
	    &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the talking points");
	return store_collect(s, st, sizeof **out, script_row_of,
	    script_row_clear, (void **)out, n, cause,
	    "cannot read the talking points");
}

void
store_script_rows_free(struct script_row **rows, size_t n)
{
	size_t i;

	if (*rows == NULL)
		return;
	for (i = 0; i < n; i++)
		script_row_clear(&(*rows)[i]);
	xfree(rows);
}

/* ---- the counter: offers and sales ------------------------------------ */

int
store_clerk_id(struct store *s, const char *name, int role, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_code_lookup(s, Q_CLERK_ID, name, id, cause)) != 0)
		return rc < 0 ? -1 : 0;
	/* one creation path: inserted unless another console did it a
	 * moment ago, and read back, in one transaction */
	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO clerk(name, role)"
	    " VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING", -1, &st, NULL) !=
	    SQLITE_OK) {
		store_fail(s, cause, "cannot add the clerk");
		store_rollback(s);
		return -1;
	}
	bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, role);
	rc = store_done(s, st, cause, "cannot add the clerk");
	sqlite3_finalize(st);
	if (rc != 0 || (rc = store_code_lookup(s, Q_CLERK_ID, name, id,
	    cause)) != 1) {
		if (rc == 0)
			*cause = xstrdup("cannot add the clerk");
		store_rollback(s);
		return -1;
	}
	return store_commit(s, cause);
}

int
store_clerk_get(struct store *s, const char *name, struct clerk_rec *c,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, role, pin_hash, failed,"
	    " coalesce(locked_until, 0) FROM clerk WHERE name = ?1", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the staff");
	bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->name = col_text(st, 1);
		c->role = sqlite3_column_int(st, 2);
		c->pin_hash = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL :
		    col_text(st, 3);
		c->failed = sqlite3_column_int(st, 4);
		c->locked_until = sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_fail(s, cause, "cannot read the staff");
}

void
clerk_rec_clear(struct clerk_rec *c)
{
	free(c->name);
	free(c->pin_hash);
	memset(c, 0, sizeof *c);
}

static void
clerk_row(sqlite3_stmt *st, void *p)
{
	struct clerk_rec *c = p;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	c->name = col_text(st, 1);
	c->role = sqlite3_column_int(st, 2);
	c->pin_hash = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL :
	    col_text(st, 3);
	c->failed = sqlite3_column_int(st, 4);
	c->locked_until = sqlite3_column_int64(st, 5);
}

static void
clerk_row_clear(void *p)
{
	clerk_rec_clear(p);
}

int
store_clerks(struct store *s, struct clerk_rec **out, size_t *n,
    char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, role, pin_hash, failed,"
	    " coalesce(locked_until, 0) FROM clerk ORDER BY name", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the staff");
	return store_collect(s, st, sizeof **out, clerk_row, clerk_row_clear,
	    (void **)out, n, cause, "cannot read the staff");
}

int
store_clerk_put(struct store *s, const char *name, int role,
    const char *pin_hash, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;
	int64_t id;

	if ((existed = store_code_lookup(s, Q_CLERK_ID, name, &id, cause)) < 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO clerk(name, role, pin_hash)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET role = ?2,"
	    " pin_hash = coalesce(?3, pin_hash), failed = 0,"
	    " locked_until = NULL", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save the clerk");
	bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, role);
	bind_text(st, 3, pin_hash);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save the clerk");
	return existed == 1;
}

int
store_clerk_try(struct store *s, int64_t id, int64_t now, int max,
    int64_t lock_seconds, int *failed, int64_t *locked_until, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*failed = 0;
	*locked_until = 0;
	if (sqlite3_prepare_v2(s->db, "UPDATE clerk SET"
	    " failed = CASE WHEN failed + 1 >= ?3 THEN 0 ELSE failed + 1 END,"
	    " locked_until = CASE WHEN failed + 1 >= ?3 THEN ?2 + ?4"
	    " ELSE locked_until END"
	    " WHERE id = ?1 AND coalesce(locked_until, 0) <= ?2"
	    " RETURNING failed, coalesce(locked_until, 0)", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save a sign-in");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, max);
	sqlite3_bind_int64(st, 4, lock_seconds);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*locked_until = sqlite3_column_int64(st, 1);
		if (*locked_until > now)
			*failed = max;
		else {
			*failed = sqlite3_column_int(st, 0);
			*locked_until = 0;
		}
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, cause, "cannot save a sign-in");
		return 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a sign-in");
	/* no row changed: locked (or gone); say until when */
	if (sqlite3_prepare_v2(s->db, "SELECT coalesce(locked_until, 0)"
	    " FROM clerk WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the staff");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*locked_until = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read the staff");
	return 0;
}

int
store_clerk_signed_in(struct store *s, int64_t id, int64_t now, int64_t mine,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "UPDATE clerk SET failed = 0,"
	    " locked_until = CASE WHEN coalesce(locked_until, 0) <= ?2"
	    " OR locked_until = ?3 THEN NULL ELSE locked_until END"
	    " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save a sign-in");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, mine);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a sign-in");
	return 0;
}

int
store_clerks_with_pin(struct store *s, char **cause)
{
	sqlite3_stmt *st;
	int rc, n = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM clerk"
	    " WHERE pin_hash IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the staff");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read the staff");
	return n;
}

int
store_offer_put(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, Q_OFFER_ADD, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, o->at);
	bind_id(st, 2, o->clerk_id);
	bind_text(st, 3, o->counter);
	bind_id(st, 4, o->customer_id);
	bind_id(st, 5, o->item_id);
	sqlite3_bind_int(st, 6, o->kind);
	sqlite3_bind_int64(st, 7, o->price_diff);
	sqlite3_bind_int(st, 8, o->outcome);
	bind_id(st, 9, o->reason);
	bind_text(st, 10, o->variant);
	sqlite3_bind_int(st, 11, o->training);
	bind_id(st, 12, o->reservation_id);
	bind_id(st, 13, o->room_type_id);
	bind_text(st, 14, o->jkey);
	bind_id(st, 15, o->addon_id);
	if (store_done(s, st, cause, "cannot log the offer") != 0)
		return -1;
	if (sqlite3_changes(s->db) == 1) {
		*id = sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	/* its key is there already: a retry after a replay, or twice in a
	 * journal */
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM offer WHERE jkey = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot log the offer");
	bind_text(st, 1, o->jkey);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot log the offer");
	return 0;
}

int
store_offer_add(struct store *s, const struct offer_rec *o, int64_t *id,
    char **cause)
{
	*id = 0;
	if (store_begin(s, cause) != 0)
		return -1;
	if (store_offer_put(s, o, id, cause) != 0) {
		*id = 0;
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, cause) != 0) {
		*id = 0;        /* not saved: the id was never its */
		return -1;
	}
	return 0;
}

int
store_offer_set_reason(struct store *s, int64_t id, const char *jkey,
    int reason, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, id > 0 ? "UPDATE offer SET reason = ?2"
	    " WHERE id = ?1 AND outcome = 2" : "UPDATE offer SET reason = ?2"
	    " WHERE jkey = ?3 AND outcome = 2", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save the reason");
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, reason);
	if (id <= 0)
		bind_text(st, 3, jkey);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save the reason");
	return 0;
}

int
store_offer_reason(struct store *s, int64_t id, int reason, char **cause)
{
	sqlite3_stmt *st;

	if (store_begin(s, cause) != 0)
		return -1;
	if ((st = store_stmt(s, Q_OFFER_REASON, cause)) == NULL) {
		store_rollback(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, reason);
	if (store_done(s, st, cause, "cannot save the reason") != 0) {
		store_rollback(s);
		return -1;
	}
	if (sqlite3_changes(s->db) != 1) {
		store_rollback(s);
		*cause = xstrdup("no such declined offer");
		return -1;
	}
	return store_commit(s, cause);
}

int
store_sale_add(struct store *s, int64_t customer_id, int64_t at,
    const struct sale_line *lines, size_t n, int64_t *order_id,
    char **cause)
{
	struct order o;
	sqlite3_stmt *st;
	char code[32];
	size_t i;

	if (store_begin(s, cause) != 0)
		return -1;
	memset(&o, 0, sizeof o);
	/* A temporary unique code, made "POS<id>" once the id is known. */
	snprintf(code, sizeof code, "POS-new-%lld", (long long)at);
	o.code = code;
	o.customer_id = customer_id;
	o.at = at;
	o.kind = ORDER_SALE;
	o.source = (char *)"counter";
	if (store_order_add(s, &o, order_id, cause) != 0)
		goto fail;
	if ((st = store_stmt(s, Q_ORDER_CODE, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, *order_id);
	if (store_done(s, st, cause, "cannot save the sale") != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (store_line_add(s, *order_id, (int)i + 1, lines[i].item_id,
		    lines[i].qty, lines[i].unit_price, NULL, cause) != 0)
			goto fail;
		if ((st = store_stmt(s, Q_STOCK_TAKE, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, lines[i].item_id);
		sqlite3_bind_int64(st, 2, lines[i].qty);
		if (store_done(s, st, cause, "cannot update the stock") != 0)
			goto fail;
	}
	return store_commit(s, cause);
fail:
	store_rollback(s);
	return -1;
}

/* ---- hotels ----------------------------------------------------------- */

int
store_hotel_put(struct store *s, const char *name, int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_HOTEL_ID, cause);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, name);
	rc = store_lookup(s, st, id, cause);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	if ((st = store_stmt(s, Q_HOTEL_ADD, cause)) == NULL)
		return -1;
	bind_text(st, 1, name);
	if (store_done(s, st, cause, "cannot save a hotel") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 1;
}

int
store_hotel_id(struct store *s, const char *name, int64_t *id, char **cause)
{
	return store_code_lookup(s, Q_HOTEL_ID, name, id, cause);
}

int
store_room_type_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RT_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, code);
	return store_lookup(s, st, id, cause);
}

int
store_room_type_put(struct store *s, const struct room_type *rt, int64_t *id,
    char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RT_PUT, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rt->hotel_id);
	bind_text(st, 2, rt->code);
	bind_text(st, 3, rt->name ? rt->name : rt->code);
	sqlite3_bind_int(st, 4, rt->tier);
	sqlite3_bind_int64(st, 5, rt->rate);
	bind_id(st, 6, rt->capacity);
	bind_text(st, 7, rt->view);
	bind_id(st, 8, rt->size_m2);
	bind_text(st, 9, rt->benefit_bn);
	bind_text(st, 10, rt->benefit_gu);
	return store_put_result(s, st, id, cause, "cannot save a room type");
}

int
store_room_id(struct store *s, int64_t hotel_id, const char *number,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ROOM_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, number);
	return store_lookup(s, st, id, cause);
}

int
store_room_put(struct store *s, int64_t hotel_id, const char *number,
    int64_t room_type_id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_ROOM_PUT, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, number);
	sqlite3_bind_int64(st, 3, room_type_id);
	return store_done(s, st, cause, "cannot save a room");
}

int
store_reservation_id(struct store *s, int64_t hotel_id, const char *code,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RES_ID, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, code);
	return store_lookup(s, st, id, cause);
}

int
store_reservation_add(struct store *s, const struct reservation *r,
    int64_t *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_RES_ADD, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->hotel_id);
	bind_text(st, 2, r->code);
	bind_id(st, 3, r->guest_id);
	sqlite3_bind_int64(st, 4, r->arrival);
	sqlite3_bind_int(st, 5, r->nights);
	sqlite3_bind_int64(st, 6, r->room_type_id);
	bind_id(st, 7, r->assigned_type_id);
	sqlite3_bind_int64(st, 8, r->rate);
	sqlite3_bind_int(st, 9, r->adults);
	sqlite3_bind_int(st, 10, r->children);
	sqlite3_bind_int(st, 11, r->status);
	sqlite3_bind_int(st, 12, r->repeated);
	bind_text(st, 13, r->segment);
	if (store_done(s, st, cause, "cannot save a reservation") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

static void
stay_row(sqlite3_stmt *st, void *p)
{
	struct hotel_stay *y = p;

	y->id = sqlite3_column_int64(st, 0);
	y->type_id = sqlite3_column_int64(st, 1);
	y->arrival = sqlite3_column_int64(st, 2);
	y->nights = sqlite3_column_int(st, 3);
}

static void
sold_row(sqlite3_stmt *st, void *p)
{
	struct hotel_addon_sold *y = p;

	y->addon_id = sqlite3_column_int64(st, 0);
	y->day = sqlite3_column_int64(st, 1);
	y->days = sqlite3_column_int(st, 2);
	y->units = sqlite3_column_int(st, 3);
}

int
store_hotel_snapshot(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct hotel_snapshot *snap, char **cause)
{
	static const char types_sql[] =
	    "SELECT t.id, t.tier, t.rate, t.name,"
	    " (SELECT count(*) FROM room r WHERE r.room_type_id = t.id),"
	    " t.view, coalesce(t.size_m2, 0), t.code, t.benefit_bn,"
	    " t.benefit_gu"
	    " FROM room_type t WHERE t.hotel_id = ?1 ORDER BY t.tier, t.id";
	static const char stays_sql[] =
	    "SELECT id, coalesce(assigned_type_id, room_type_id), arrival,"
	    " nights FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND nights > 0"
	    " AND arrival < ?3 AND arrival + nights > ?2";
	/* rooms unknown: the most stays of the type on one night, ever */
	static const char peak_sql[] =
	    "WITH RECURSIVE n(r, d) AS ("
	    "  SELECT id, arrival FROM reservation WHERE hotel_id = ?1"
	    "   AND status NOT IN (3, 4) AND nights > 0"
	    "  UNION ALL SELECT r, d + 1 FROM n JOIN reservation x"
	    "   ON x.id = n.r WHERE d + 1 < x.arrival + x.nights)"
	    " SELECT t, max(c) FROM (SELECT coalesce(x.assigned_type_id,"
	    "  x.room_type_id) AS t, n.d, count(*) AS c FROM n"
	    "  JOIN reservation x ON x.id = n.r GROUP BY t, n.d) GROUP BY t";
	sqlite3_stmt *st;
	size_t i, rooms = 0;
	int rc;

	memset(snap, 0, sizeof *snap);
	if (sqlite3_prepare_v2(s->db, types_sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the room types");
	sqlite3_bind_int64(st, 1, hotel_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hotel_type *t;
		snap->types = xreallocarray(snap->types, snap->ntypes + 1,
		    sizeof *snap->types);
		t = &snap->types[snap->ntypes++];
		t->id = sqlite3_column_int64(st, 0);
		t->tier = sqlite3_column_int(st, 1);
		t->rate = sqlite3_column_int64(st, 2);
		t->name = col_text(st, 3);
		t->rooms = sqlite3_column_int(st, 4);
		t->view = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL :
		    col_text(st, 5);
		t->size_m2 = sqlite3_column_int(st, 6);
		t->code = col_text(st, 7);
		t->benefit_bn = sqlite3_column_type(st, 8) == SQLITE_NULL ?
		    NULL : col_text(st, 8);
		t->benefit_gu = sqlite3_column_type(st, 9) == SQLITE_NULL ?
		    NULL : col_text(st, 9);
		rooms += (size_t)t->rooms;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_prepare_v2(s->db, stays_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	if (store_collect(s, st, sizeof *snap->stays, stay_row, NULL,
	    (void **)&snap->stays, &snap->nstays, cause,
	    "cannot read the hotel's stays") != 0) {
		store_hotel_snapshot_free(snap);
		return -1;
	}
	if (rooms == 0 && snap->ntypes > 0) {
		snap->estimated = 1;
		if (sqlite3_prepare_v2(s->db, peak_sql, -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, hotel_id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			for (i = 0; i < snap->ntypes; i++)
				if (snap->types[i].id ==
				    sqlite3_column_int64(st, 0))
					snap->types[i].rooms =
					    sqlite3_column_int(st, 1);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	return 0;
fail:
	store_hotel_snapshot_free(snap);
	return store_fail(s, cause, "cannot read the hotel's rooms");
}

void
store_hotel_snapshot_free(struct hotel_snapshot *snap)
{
	size_t i;

	for (i = 0; i < snap->ntypes; i++) {
		free((char *)snap->types[i].name);
		free((char *)snap->types[i].view);
		free((char *)snap->types[i].code);
		free((char *)snap->types[i].benefit_bn);
		free((char *)snap->types[i].benefit_gu);
	}
	free(snap->types);
	free(snap->stays);
	memset(snap, 0, sizeof *snap);
}

/* Row fillers of the hotel readers, for store_collect(). */
static void
move_row(sqlite3_stmt *st, void *p)
{
	struct hotel_move *m = p;

	m->from = sqlite3_column_int64(st, 0);
	m->to = sqlite3_column_int64(st, 1);
	m->count = sqlite3_column_int64(st, 2);
}

static void
id_row(sqlite3_stmt *st, void *p)
{
	*(int64_t *)p = sqlite3_column_int64(st, 0);
}

static void
guest_stay_row(sqlite3_stmt *st, void *p)
{
	struct guest_stay *g = p;

	g->arrival = sqlite3_column_int64(st, 0);
	g->nights = sqlite3_column_int(st, 1);
	g->type_id = sqlite3_column_int64(st, 2);
	g->spend = sqlite3_column_int64(st, 3);
}

int
store_hotel_moves(struct store *s, int64_t hotel_id, struct hotel_move **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT room_type_id, assigned_type_id,"
	    " count(*) FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND assigned_type_id IS NOT NULL"
	    " AND assigned_type_id != room_type_id GROUP BY 1, 2", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the room moves");
	sqlite3_bind_int64(st, 1, hotel_id);
	return store_collect(s, st, sizeof **out, move_row, NULL,
	    (void **)out, n, cause, "cannot read the room moves");
}

static void
segment_move_row(sqlite3_stmt *st, void *p)
{
	struct segment_move *m = p;

	m->segment = col_text(st, 0);
	m->move.from = sqlite3_column_int64(st, 1);
	m->move.to = sqlite3_column_int64(st, 2);
	m->move.count = sqlite3_column_int64(st, 3);
}

static void
segment_move_clear(void *p)
{
	free(((struct segment_move *)p)->segment);
}

int
store_hotel_segment_moves(struct store *s, int64_t hotel_id,
    struct segment_move **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT segment, room_type_id,"
	    " assigned_type_id, count(*) FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND assigned_type_id IS NOT NULL"
	    " AND assigned_type_id != room_type_id AND segment IS NOT NULL"
	    " AND segment != '' GROUP BY 1, 2, 3", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the room moves");
	sqlite3_bind_int64(st, 1, hotel_id);
	return store_collect(s, st, sizeof **out, segment_move_row,
	    segment_move_clear, (void **)out, n, cause,
	    "cannot read the room moves");
}

void
store_segment_moves_free(struct segment_move **m, size_t n)
{
	size_t i;

	if (*m == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*m)[i].segment);
	xfree(m);
}

int
store_hotel_arrivals(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM reservation"
	    " WHERE hotel_id = ?1 AND status NOT IN (3, 4)"
	    " AND arrival >= ?2 AND arrival < ?3 ORDER BY arrival, id", -1,
	    &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the arrivals");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	return store_collect(s, st, sizeof **ids, id_row, NULL, (void **)ids,
	    n, cause, "cannot read the arrivals");
}

int
store_addon_put(struct store *s, int64_t hotel_id, const char *code,
    const char *name, const struct hotel_addon *a, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM addon"
	    " WHERE hotel_id = ?1 AND code = ?2", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the add-ons");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the add-ons");
	existed = rc == SQLITE_ROW;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO addon(hotel_id, code, name,"
	    " price, per, on_departure, valid_from, valid_to, daily)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT (hotel_id, code) DO UPDATE SET name = ?3,"
	    " price = ?4, per = ?5, on_departure = ?6, valid_from = ?7,"
	    " valid_to = ?8, daily = ?9", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save an add-on");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, a->price);
	sqlite3_bind_int(st, 5, (int)a->per);
	sqlite3_bind_int(st, 6, a->on_departure != 0);
	sqlite3_bind_int64(st, 7, a->valid_from);
	sqlite3_bind_int64(st, 8, a->valid_to);
	sqlite3_bind_int(st, 9, a->daily);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save an add-on");
	return existed;
}

int
store_training_add(struct store *s, const char *scenario, const char *trainee,
    int64_t at, int passed, int checks, int percent, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO training_run(scenario,"
	    " trainee, at, passed, checks, percent) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6)", -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, cause, "cannot save a training run");
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	bind_text(st, 1, scenario);
	bind_text(st, 2, trainee);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, passed);
	sqlite3_bind_int(st, 5, checks);
	sqlite3_bind_int(st, 6, percent);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, cause, "cannot save a training run");
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

static void
training_row(sqlite3_stmt *st, void *p)
{
	struct training_progress *r = p;

	r->scenario = col_text(st, 0);
	r->tries = sqlite3_column_int(st, 1);
	r->best = sqlite3_column_int(st, 2);
	r->last = sqlite3_column_int(st, 3);
	r->at = sqlite3_column_int64(st, 4);
}

static void
training_row_clear(void *p)
{
	free(((struct training_progress *)p)->scenario);
}

int
store_training_progress(struct store *s, const char *trainee,
    struct training_progress **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT scenario, count(*),"
	    " max(percent), (SELECT percent FROM training_run l"
	    "  WHERE l.trainee = r.trainee AND l.scenario = r.scenario"
	    "  ORDER BY at DESC, id DESC LIMIT 1), max(at)"
	    " FROM training_run r WHERE trainee = ?1 GROUP BY scenario"
	    " ORDER BY scenario", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the training runs");
	bind_text(st, 1, trainee);
	return store_collect(s, st, sizeof **out, training_row,
	    training_row_clear, (void **)out, n, cause,
	    "cannot read the training runs");
}

void
store_training_progress_free(struct training_progress **p, size_t n)
{
	size_t i;

	if (*p == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*p)[i].scenario);
	xfree(p);
}

/* ---- reports ------------------------------------------------------------- */

static void
offer_group_row(sqlite3_stmt *st, void *p)
{
	struct offer_group *g = p;

	g->key = col_text(st, 0);
	g->shown = sqlite3_column_int64(st, 1);
	g->accepted = sqlite3_column_int64(st, 2);
	g->declined = sqlite3_column_int64(st, 3);
	g->revenue = sqlite3_column_int64(st, 4);
	g->nights = sqlite3_column_int64(st, 5);
}

static void
offer_group_clear(void *p)
{
	free(((struct offer_group *)p)->key);
}

int
store_order_mark_offer(struct store *s, int64_t order_id, char **cause)
{
	return store_exec_id(s, "UPDATE orders SET offer_taken = 1 WHERE"
	    " id = ?1", order_id, "cannot mark the sale", cause);
}

int
store_basket_averages(struct store *s, int64_t from, int64_t to,
    struct basket_average *with, struct basket_average *without,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(with, 0, sizeof *with);
	memset(without, 0, sizeof *without);
	if (sqlite3_prepare_v2(s->db, "SELECT o.offer_taken, count(DISTINCT"
	    " o.id), coalesce(sum(l.qty * l.unit_price), 0) FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id WHERE o.source ="
	    " 'counter' AND o.kind = 0 AND o.at >= ?1 AND o.at < ?2"
	    " GROUP BY o.offer_taken", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the sales");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct basket_average *b = sqlite3_column_int(st, 0) ? with :
		    without;
		b->orders = sqlite3_column_int64(st, 1);
		b->total = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the sales");
	return 0;
}

int
store_offer_groups(struct store *s, int by, int64_t from, int64_t to,
    struct offer_group **out, size_t *n, char **cause)
{
	/* an offer at the counter is its "shown" row; one at the desk is
	 * shown when it is answered */
	static const char *const keys[] = {
		[OFFERS_BY_KIND] = "CASE WHEN o.addon_id IS NOT NULL"
		    " THEN 'addon' WHEN o.reservation_id IS NOT NULL"
		    " THEN 'room' ELSE CASE o.kind WHEN 0 THEN 'upgrade'"
		    " WHEN 1 THEN 'bundle' WHEN 2 THEN 'refill'"
		    " WHEN 3 THEN 'seasonal' ELSE 'other' END END",
		[OFFERS_BY_CLERK] = "coalesce(c.name, '-')",
		[OFFERS_BY_ITEM] = "coalesce(i.sku, t.code, a.code, '-')",
		[OFFERS_BY_DAY] = "date(o.at, 'unixepoch')",
		[OFFERS_BY_REASON] = "coalesce(o.reason, 0)",
		[OFFERS_BY_HOTEL] = "coalesce(h.name, '-') || CASE WHEN"
		    " o.addon_id IS NOT NULL THEN ' · ' || coalesce(a.name,"
		    " '?') ELSE '' END",
	};
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (by < 0 || by > OFFERS_BY_HOTEL) {
		*cause = xstrdup("no such grouping of the offer log");
		return -1;
	}
	sql = xasprintf("SELECT %s AS k,"
	    " sum(o.outcome = 0 OR (o.outcome IN (1, 2) AND"
	    "  o.reservation_id IS NOT NULL)),"
	    " sum(o.outcome = 1 AND o.undone IS NULL),"
	    " sum(o.outcome = 2 AND o.undone IS NULL),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL"
	    "  THEN o.price_diff ELSE 0 END),"
	    " sum(CASE WHEN o.outcome = 1 AND o.undone IS NULL"
	    "  AND o.addon_id IS NULL THEN coalesce(r.nights, 0) ELSE 0 END)"
	    " FROM offer o LEFT JOIN clerk c ON c.id = o.clerk_id"
	    " LEFT JOIN item i ON i.id = o.item_id"
	    " LEFT JOIN room_type t ON t.id = o.room_type_id"
	    " LEFT JOIN reservation r ON r.id = o.reservation_id"
	    " LEFT JOIN hotel h ON h.id = r.hotel_id"
	    " LEFT JOIN addon a ON a.id = o.addon_id"
	    " WHERE o.training = 0 AND o.at >= ?1 AND o.at < ?2%s%s"
	    " GROUP BY k ORDER BY k", keys[by],
	    by == OFFERS_BY_REASON ? " AND o.outcome = 2" : "",
	    by == OFFERS_BY_HOTEL ? " AND o.reservation_id IS NOT NULL" : "");
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return store_fail(s, cause, "cannot read the offer log");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	return store_collect(s, st, sizeof **out, offer_group_row,
	    offer_group_clear, (void **)out, n, cause,
	    "cannot read the offer log");
}

void
store_offer_groups_free(struct offer_group **g, size_t n)
{
	size_t i;

	if (*g == NULL)
		return;
	for (i = 0; i < n; i++)
		free((*g)[i].key);
	xfree(g);
}

/* ---- a customer's data: export and erasure ------------------------------ */

static const struct {
	const char *table;
	const char *sql;
} export_queries[] = {
	{ "customer", "SELECT code, name, phone, email, loyalty, lang, segment,"
	    " country, consent FROM customer WHERE id = ?1" },
	{ "order_lines", "SELECT o.code AS order_code,"
	    " datetime(o.at, 'unixepoch') AS at,"
	    " CASE o.kind WHEN 1 THEN 'return' ELSE 'sale' END AS kind,"
	    " i.sku, coalesce(l.descr, i.name) AS item, l.qty,"
	    " l.unit_price AS unit_price_minor FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id WHERE o.customer_id = ?1"
	    " ORDER BY o.at, o.id, l.line" },
	{ "offers", "SELECT datetime(f.at, 'unixepoch') AS at, f.counter,"
	    " f.kind, i.sku, t.code AS room_type,"
	    " f.price_diff AS price_diff_minor,"
	    " CASE f.outcome WHEN 1 THEN 'accepted' WHEN 2 THEN 'declined'"
	    " ELSE 'shown' END AS outcome, f.reason, f.variant FROM offer f"
	    " LEFT JOIN item i ON i.id = f.item_id"
	    " LEFT JOIN room_type t ON t.id = f.room_type_id"
	    " WHERE f.customer_id = ?1 ORDER BY f.at, f.id" },
	{ "reservations", "SELECT h.name AS hotel, r.code AS confirmation,"
	    " date(r.arrival * 86400, 'unixepoch') AS arrival, r.nights,"
	    " t.code AS room_type, r.rate AS rate_minor, r.adults, r.children,"
	    " r.status FROM reservation r JOIN hotel h ON h.id = r.hotel_id"
	    " JOIN room_type t ON t.id = r.room_type_id WHERE r.guest_id = ?1"
	    " ORDER BY r.arrival, r.id" },
	{ "addons", "SELECT r.code AS confirmation, a.code AS addon,"
	    " date(s.day * 86400, 'unixepoch') AS day, s.days, s.units,"
	    " s.total AS total_minor FROM addon_sale s"
	    " JOIN reservation r ON r.id = s.reservation_id"
	    " JOIN addon a ON a.id = s.addon_id WHERE r.guest_id = ?1"
	    " ORDER BY s.day, s.id" },
};

int
store_customer_export(struct store *s, int64_t id, store_export_fn fn,
    void *arg, char **cause)
{
	sqlite3_stmt *st;
	size_t q;
	int rc, n, i;

	for (q = 0; q < sizeof export_queries / sizeof export_queries[0];
	    q++) {
		if (sqlite3_prepare_v2(s->db, export_queries[q].sql, -1, &st,
		    NULL) != SQLITE_OK)
			return store_fail(s, cause, "cannot read the customer");
		sqlite3_bind_int64(st, 1, id);
		n = sqlite3_column_count(st);
		fn(arg, export_queries[q].table, -1, NULL, NULL, NULL);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *cols[16], *vals[16];
			int nums[16];

			for (i = 0; i < n && i < 16; i++) {
				cols[i] = sqlite3_column_name(st, i);
				nums[i] = sqlite3_column_type(st, i) ==
				    SQLITE_INTEGER;   /* before the text */
				vals[i] = (const char *)sqlite3_column_text(st,
				    i);
			}
			fn(arg, export_queries[q].table, i, cols, vals, nums);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, cause, "cannot read the customer");
	}
	return 0;
}

int
store_audit_add(struct store *s, int64_t at, int64_t clerk_id,
    const char *action, const char *subject, char **cause)
{
	int own = sqlite3_get_autocommit(s->db);

	if (own && store_begin(s, cause) != 0)
		return -1;
	if (audit_insert(s, at, clerk_id, action, subject, cause) != 0) {
		if (own)
			store_rollback(s);
		return -1;
	}
	return own ? store_commit(s, cause) : 0;
}

int
store_customer_erase(struct store *s, int64_t id, int64_t clerk_id,
    int64_t at, char **cause)
{
	sqlite3_stmt *st;
	char subject[40], hex[HASH_HEX];
	int rc, changed, logn = 0, ckpt = 0;

	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* its source key on the suppression list (a keyed hash of it,
	 * never the key), so that no import brings the person back; the
	 * countries of their orders go with the rest */
	if (sqlite3_prepare_v2(s->db, "SELECT code FROM customer WHERE id = ?1"
	    " AND erased = 0", -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		store_keyed(s, "erased", (const char *)sqlite3_column_text(st,
		    0), hex);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto fail;
	if (rc == SQLITE_ROW) {
		if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO"
		    " suppressed(hash, at) VALUES (?1, ?2)", -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		bind_text(st, 1, hex);
		sqlite3_bind_int64(st, 2, at);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE ||
		    store_exec_id(s, "UPDATE orders SET country = NULL WHERE"
		    " customer_id = ?1", id, "cannot erase the customer",
		    cause) != 0)
			goto fail;
	}
	if (sqlite3_prepare_v2(s->db, "UPDATE customer SET code = 'erased-'"
	    " || id, name = '', phone = NULL, phone_rev = NULL, email = NULL,"
	    " loyalty = NULL, lang = NULL, segment = NULL, country = NULL,"
	    " consent = 0, erased = 1 WHERE id = ?1 AND erased = 0", -1, &st,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	changed = sqlite3_changes(s->db);
	if (changed == 0) {
		store_exec(s, "ROLLBACK", NULL);
		*cause = xstrdup("no such customer, or erased already");
		return 1;
	}
	/* the audit names the pseudonym, never what was erased */
	snprintf(subject, sizeof subject, "erased-%lld", (long long)id);
	if (audit_insert(s, at, clerk_id, "erase", subject, cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	if (store_exec(s, "COMMIT", cause) != 0) {
		store_exec(s, "ROLLBACK", NULL);
		return -1;
	}
	/* secure_delete zeroed the old values in the pages; the WAL still
	 * holds earlier page images until a checkpoint copies the pages back
	 * and empties it */
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    &logn, &ckpt);
	if (rc != SQLITE_OK) {
		*cause = xstrdup("erased, but another program has the database "
		    "open: the old values stay in its -wal file until it is "
		    "closed and uplift runs again");
		return 2;
	}
	return 0;
fail:
	store_fail(s, cause, "cannot erase the customer");
	store_exec(s, "ROLLBACK", NULL);
	return -1;
}

int
store_room_type_tier(struct store *s, int64_t type_id, int *tier,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT tier FROM room_type WHERE id = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read a room type");
	sqlite3_bind_int64(st, 1, type_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*tier = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, cause, "cannot read a room type");
	return 0;
}

int
store_hotel_set_pricing(struct store *s, int64_t hotel_id, int cap_percent,
    int64_t floor, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "UPDATE hotel SET cap_percent = ?2,"
	    " supplement_floor = ?3 WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot save a hotel's pricing");
	sqlite3_bind_int64(st, 1, hotel_id);
	if (cap_percent < 0)
		sqlite3_bind_null(st, 2);
	else
		sqlite3_bind_int(st, 2, cap_percent);
	sqlite3_bind_int64(st, 3, floor);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a hotel's pricing");
	return 0;
}

int
store_supplement_put(struct store *s, int64_t from_type, int64_t to_type,
    int64_t per_night, char **cause)
{
	sqlite3_stmt *st;
	int rc, existed;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM supplement"
	    " WHERE from_type_id = ?1 AND to_type_id = ?2", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, cause, "cannot read the supplements");
	sqlite3_bind_int64(st, 1, from_type);
	sqlite3_bind_int64(st, 2, to_type);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the supplements");
	existed = rc == SQLITE_ROW;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO supplement(from_type_id,"
	    " to_type_id, per_night) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (from_type_id, to_type_id) DO UPDATE SET"
	    " per_night = ?3", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, cause, "cannot save a supplement");
	sqlite3_bind_int64(st, 1, from_type);
	sqlite3_bind_int64(st, 2, to_type);
	sqlite3_bind_int64(st, 3, per_night);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot save a supplement");
	return existed;
}

static void
supplement_row(sqlite3_stmt *st, void *p)
{
	struct hotel_supplement *m = p;

	m->from = sqlite3_column_int64(st, 0);
	m->to = sqlite3_column_int64(st, 1);
	m->per_night = sqlite3_column_int64(st, 2);
}

int
store_hotel_pricing(struct store *s, int64_t hotel_id, int *cap_percent,
    int64_t *floor, struct hotel_supplement **m, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	*cap_percent = -1;
	*floor = 0;
	*m = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT cap_percent, supplement_floor"
	    " FROM hotel WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read a hotel's pricing");
	sqlite3_bind_int64(st, 1, hotel_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			*cap_percent = sqlite3_column_int(st, 0);
		*floor = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read a hotel's pricing");
	if (sqlite3_prepare_v2(s->db, "SELECT p.from_type_id, p.to_type_id,"
	    " p.per_night FROM supplement p JOIN room_type t"
	    " ON t.id = p.from_type_id WHERE t.hotel_id = ?1", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the supplements");
	sqlite3_bind_int64(st, 1, hotel_id);
	return store_collect(s, st, sizeof **m, supplement_row, NULL,
	    (void **)m, n, cause, "cannot read the supplements");
}

void
store_addons_free(struct store_addons *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		free(x->names[i]);
		free(x->codes[i]);
	}
	free(x->names);
	free(x->codes);
	free(x->addons);
	free(x->sold);
	memset(x, 0, sizeof *x);
}

int
store_hotel_addons(struct store *s, int64_t hotel_id, int64_t from,
    int64_t to, struct store_addons *x, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(x, 0, sizeof *x);
	if (sqlite3_prepare_v2(s->db, "SELECT id, name, price, per,"
	    " on_departure, valid_from, valid_to, daily, code FROM addon"
	    " WHERE hotel_id = ?1 ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the add-ons");
	sqlite3_bind_int64(st, 1, hotel_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct hotel_addon *a;
		x->addons = xreallocarray(x->addons, x->n + 1,
		    sizeof *x->addons);
		x->names = xreallocarray(x->names, x->n + 1, sizeof *x->names);
		x->codes = xreallocarray(x->codes, x->n + 1, sizeof *x->codes);
		x->codes[x->n] = col_text(st, 8);
		a = &x->addons[x->n];
		a->id = sqlite3_column_int64(st, 0);
		x->names[x->n] = col_text(st, 1);
		a->price = sqlite3_column_int64(st, 2);
		a->per = (enum hotel_per)sqlite3_column_int(st, 3);
		a->on_departure = sqlite3_column_int(st, 4);
		a->valid_from = sqlite3_column_int64(st, 5);
		a->valid_to = sqlite3_column_int64(st, 6);
		a->daily = sqlite3_column_int(st, 7);
		x->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_prepare_v2(s->db, "SELECT a.addon_id, a.day, a.days,"
	    " a.units FROM addon_sale a JOIN addon d ON d.id = a.addon_id"
	    " JOIN reservation r ON r.id = a.reservation_id"
	    " WHERE d.hotel_id = ?1 AND r.status NOT IN (3, 4)"
	    " AND a.day <= ?3 AND a.day + a.days > ?2", -1, &st, NULL)
	    != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, to);
	if (store_collect(s, st, sizeof *x->sold, sold_row, NULL,
	    (void **)&x->sold, &x->nsold, cause, "cannot read the add-ons")
	    == 0)
		return 0;
	store_addons_free(x);
	return -1;
fail:
	store_addons_free(x);
	return store_fail(s, cause, "cannot read the add-ons");
}

int
store_guest_stays(struct store *s, int64_t hotel_id, int64_t guest_id,
    int64_t before, struct guest_stay **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT arrival, nights,"
	    " coalesce(assigned_type_id, room_type_id), rate * nights"
	    " FROM reservation WHERE hotel_id = ?1 AND guest_id = ?2"
	    " AND status = 2 AND arrival < ?3"
	    " ORDER BY arrival DESC, id DESC", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the guest's stays");
	sqlite3_bind_int64(st, 1, hotel_id);
	sqlite3_bind_int64(st, 2, guest_id);
	sqlite3_bind_int64(st, 3, before);
	return store_collect(s, st, sizeof **out, guest_stay_row, NULL,
	    (void **)out, n, cause, "cannot read the guest's stays");
}

int
store_reservation_declined(struct store *s, int64_t res_id, int64_t **types,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*types = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT DISTINCT room_type_id FROM offer"
	    " WHERE reservation_id = ?1 AND outcome = 2 AND undone IS NULL"
	    " AND room_type_id IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the declined offers");
	sqlite3_bind_int64(st, 1, res_id);
	return store_collect(s, st, sizeof **types, id_row, NULL,
	    (void **)types, n, cause, "cannot read the declined offers");
}

int
store_reservation_addons(struct store *s, int64_t res_id, int64_t **ids,
    size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT DISTINCT addon_id FROM addon_sale"
	    " WHERE reservation_id = ?1 ORDER BY addon_id", -1, &st, NULL) !=
	    SQLITE_OK)
		return store_fail(s, cause, "cannot read the stay's add-ons");
	sqlite3_bind_int64(st, 1, res_id);
	return store_collect(s, st, sizeof **ids, id_row, NULL, (void **)ids,
	    n, cause, "cannot read the stay's add-ons");
}

static void
reservation_row_of(sqlite3_stmt *st, void *p)
{
	struct reservation_row *r = p;

	r->id = sqlite3_column_int64(st, 0);
	r->code = col_text(st, 1);
	r->guest = col_text(st, 2);
	r->arrival = sqlite3_column_int64(st, 3);
	r->nights = sqlite3_column_int(st, 4);
	r->type_id = sqlite3_column_int64(st, 5);
	r->status = sqlite3_column_int(st, 6);
}

static void
reservation_row_clear(void *p)
{
	struct reservation_row *r = p;

	free(r->code);
	free(r->guest);
}

int
store_reservations_find(struct store *s, int64_t hotel_id, const char *text,
    int64_t day, size_t limit, struct reservation_row **out, size_t *n,
    char **cause)
{
	/* ?2 NULL: the day's arrivals; else a confirmation or guest name
	 * holding it, the stays nearest the day first */
	static const char sql[] =
	    "SELECT r.id, r.code, coalesce(c.name, ''), r.arrival, r.nights,"
	    " coalesce(r.assigned_type_id, r.room_type_id), r.status"
	    " FROM reservation r LEFT JOIN customer c ON c.id = r.guest_id"
	    " WHERE r.hotel_id = ?1 AND (?2 IS NULL AND r.arrival = ?3"
	    "  AND r.status NOT IN (3, 4)"
	    "  OR ?2 IS NOT NULL AND (r.code LIKE '%' || ?2 || '%' ESCAPE '\\'"
	    "  OR c.erased = 0 AND c.name LIKE '%' || ?2 || '%' ESCAPE '\\'))"
	    " ORDER BY ?2 IS NOT NULL AND r.code LIKE ?2 || '%' ESCAPE '\\' DESC,"
	    " abs(r.arrival - ?3), r.arrival, r.code LIMIT ?4";
	sqlite3_stmt *st;
	char *pat = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (limit == 0 || (text != NULL && *text == '\0'))
		return 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot search reservations");
	if (text != NULL)
		pat = like_escape(text);
	sqlite3_bind_int64(st, 1, hotel_id);
	bind_text(st, 2, pat);
	sqlite3_bind_int64(st, 3, day);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	rc = store_collect(s, st, sizeof **out, reservation_row_of,
	    reservation_row_clear, (void **)out, n, cause,
	    "cannot search reservations");
	free(pat);
	return rc;
}

void
store_reservation_rows_free(struct reservation_row **rows, size_t n)
{
	size_t i;

	if (*rows == NULL)
		return;
	for (i = 0; i < n; i++)
		reservation_row_clear(&(*rows)[i]);
	xfree(rows);
}

int
store_addon_sell(struct store *s, int64_t res_id, int64_t addon_id,
    int64_t day, int days, int units, int64_t total, char **cause)
{
	static const char have_sql[] =
	    "SELECT (SELECT daily FROM addon WHERE id = ?2),"
	    " (SELECT count(*) FROM addon_sale"
	    "  WHERE reservation_id = ?1 AND addon_id = ?2),"
	    " (SELECT status FROM reservation WHERE id = ?1)";
	static const char used_sql[] =
	    "SELECT coalesce(sum(a.units), 0) FROM addon_sale a"
	    " JOIN reservation r ON r.id = a.reservation_id"
	    " WHERE a.addon_id = ?1 AND r.status NOT IN (3, 4)"
	    " AND a.day <= ?2 AND a.day + a.days > ?2";
	static const char add_sql[] =
	    "INSERT INTO addon_sale(reservation_id, addon_id, day, days,"
	    " units, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = NULL;
	int64_t daily, d;
	const char *why = NULL;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, have_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, addon_id);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		why = "no such add-on";
	else if (sqlite3_column_type(st, 2) == SQLITE_NULL)
		why = "no such reservation";
	else if (sqlite3_column_int(st, 2) != RES_BOOKED &&
	    sqlite3_column_int(st, 2) != RES_CHECKED_IN)
		why = "the stay is cancelled, a no-show or checked out";
	else if (sqlite3_column_int64(st, 1) > 0)
		why = "the stay has that add-on already";
	daily = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (why == NULL && daily > 0) {
		if (sqlite3_prepare_v2(s->db, used_sql, -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		for (d = day; d < day + days && why == NULL; d++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, addon_id);
			sqlite3_bind_int64(st, 2, d);
			if (sqlite3_step(st) != SQLITE_ROW)
				goto fail;
			if (daily - sqlite3_column_int64(st, 0) < units)
				why = "that add-on is sold out on a day of the "
				    "stay";
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (why != NULL) {
		store_rollback(s);
		*cause = xstrdup(why);
		return 1;
	}
	if (sqlite3_prepare_v2(s->db, add_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, addon_id);
	sqlite3_bind_int64(st, 3, day);
	sqlite3_bind_int(st, 4, days);
	sqlite3_bind_int(st, 5, units);
	sqlite3_bind_int64(st, 6, total);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return store_commit(s, cause);
fail:
	store_fail(s, cause, "cannot add the add-on");
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

int
store_reservation_get(struct store *s, int64_t id, struct reservation *r,
    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(s->db, "SELECT id, hotel_id, code, guest_id,"
	    " arrival, nights, room_type_id, assigned_type_id, rate, adults,"
	    " children, status, repeated, segment, coalesce(booked_rate, 0),"
	    " coalesce(prior_type_id, 0), coalesce(moved_on, 0)"
	    " FROM reservation WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read a reservation");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->hotel_id = sqlite3_column_int64(st, 1);
		r->code = col_text(st, 2);
		r->guest_id = sqlite3_column_int64(st, 3);
		r->arrival = sqlite3_column_int64(st, 4);
		r->nights = sqlite3_column_int(st, 5);
		r->room_type_id = sqlite3_column_int64(st, 6);
		r->assigned_type_id = sqlite3_column_int64(st, 7);
		r->rate = sqlite3_column_int64(st, 8);
		r->adults = sqlite3_column_int(st, 9);
		r->children = sqlite3_column_int(st, 10);
		r->status = sqlite3_column_int(st, 11);
		r->repeated = sqlite3_column_int(st, 12);
		r->segment = col_text(st, 13);
		r->booked_rate = sqlite3_column_int64(st, 14);
		r->prior_type_id = sqlite3_column_int64(st, 15);
		r->moved_on = sqlite3_column_int64(st, 16);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_fail(s, cause,
	    "cannot read a reservation");
}

int
store_reservation_upgrade(struct store *s, int64_t res_id, int64_t type_id,
    int64_t supplement, int64_t from, char **cause)
{
	static const char res_sql[] =
	    "SELECT arrival, nights, hotel_id, status,"
	    " coalesce(assigned_type_id, room_type_id)"
	    " FROM reservation WHERE id = ?1";
	static const char rooms_sql[] =
	    "SELECT count(*) FROM room r JOIN room_type t"
	    " ON t.id = r.room_type_id WHERE t.id = ?1 AND t.hotel_id = ?2";
	/* stays in that type on night ?2, this one left out */
	static const char used_sql[] =
	    "SELECT count(*) FROM reservation WHERE id != ?3"
	    " AND coalesce(assigned_type_id, room_type_id) = ?1"
	    " AND status NOT IN (3, 4) AND arrival <= ?2"
	    " AND arrival + nights > ?2";
	/* what was booked is kept by the first upgrade (the right-hand
	 * sides read the row as it was) */
	static const char upd_sql[] =
	    "UPDATE reservation SET assigned_type_id = ?2, rate = rate + ?3,"
	    " booked_rate = coalesce(booked_rate, rate),"
	    " prior_type_id = CASE WHEN booked_rate IS NULL"
	    "  THEN assigned_type_id ELSE prior_type_id END,"
	    " moved_on = CASE WHEN ?4 > arrival THEN ?4 END WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	int64_t arrival, nights, hotel, rooms, day, used, holds;
	int status;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, res_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		store_rollback(s);
		*cause = xstrdup("no such reservation");
		return -1;
	}
	arrival = sqlite3_column_int64(st, 0);
	nights = sqlite3_column_int64(st, 1);
	hotel = sqlite3_column_int64(st, 2);
	status = sqlite3_column_int(st, 3);
	holds = sqlite3_column_int64(st, 4);
	sqlite3_finalize(st);
	st = NULL;
	if (status != RES_BOOKED && status != RES_CHECKED_IN) {
		store_rollback(s);
		*cause = xstrdup("the stay is cancelled, a no-show or checked "
		    "out");
		return 1;
	}
	if (holds == type_id) {
		store_rollback(s);
		*cause = xstrdup("the stay has that room type already");
		return 1;
	}
	if (sqlite3_prepare_v2(s->db, rooms_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, type_id);
	sqlite3_bind_int64(st, 2, hotel);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	rooms = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, used_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	for (day = from > arrival ? from : arrival; day < arrival + nights;
	    day++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, type_id);
		sqlite3_bind_int64(st, 2, day);
		sqlite3_bind_int64(st, 3, res_id);
		if (sqlite3_step(st) != SQLITE_ROW)
			goto fail;
		used = sqlite3_column_int64(st, 0);
		if (rooms - used < 1) {
			sqlite3_finalize(st);
			store_rollback(s);
			*cause = xstrdup("that room type is no longer free on "
			    "every night of the stay");
			return 1;
		}
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, upd_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, type_id);
	sqlite3_bind_int64(st, 3, supplement);
	sqlite3_bind_int64(st, 4, from);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	return store_commit(s, cause);
fail:
	store_fail(s, cause, "cannot upgrade the reservation");
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

/* ---- undoing the desk's answers (issue 17) ------------------------------ */

/* Mark the rows of `where` (res ?1, ?2 and ?3 as it says) undone at ?4;
 * how many, or -1. */
static int
mark_undone(struct store *s, const char *where, int64_t res_id, int64_t a,
    int64_t b, int64_t at)
{
	sqlite3_stmt *st;
	char *sql = xasprintf("UPDATE offer SET undone = ?4 WHERE"
	    " reservation_id = ?1 AND undone IS NULL AND %s", where);
	int rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	sqlite3_bind_int64(st, 4, at);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? sqlite3_changes(s->db) : -1;
}

int
store_upgrade_undo(struct store *s, int64_t res_id, int64_t from, int64_t at,
    char **cause)
{
	static const char res_sql[] =
	    "SELECT arrival, nights, booked_rate,"
	    " coalesce(prior_type_id, room_type_id), hotel_id"
	    " FROM reservation WHERE id = ?1";
	static const char rooms_sql[] =
	    "SELECT count(*) FROM room WHERE room_type_id = ?1";
	static const char used_sql[] =
	    "SELECT count(*) FROM reservation WHERE id != ?3"
	    " AND coalesce(assigned_type_id, room_type_id) = ?1"
	    " AND status NOT IN (3, 4) AND arrival <= ?2"
	    " AND arrival + nights > ?2";
	static const char upd_sql[] =
	    "UPDATE reservation SET assigned_type_id = prior_type_id,"
	    " rate = booked_rate, booked_rate = NULL, prior_type_id = NULL,"
	    " moved_on = NULL WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	int64_t arrival, nights, back, rooms, day;
	const char *why = NULL;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, res_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		why = "no such reservation";
		arrival = nights = back = 0;
	} else if (sqlite3_column_type(st, 2) == SQLITE_NULL) {
		why = "the stay has no upgrade to undo";
		arrival = nights = back = 0;
	} else {
		arrival = sqlite3_column_int64(st, 0);
		nights = sqlite3_column_int64(st, 1);
		back = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (why == NULL) {
		/* the room it goes back to: free again on every night left
		 * (a hotel that lists no rooms is not counted) */
		if (sqlite3_prepare_v2(s->db, rooms_sql, -1, &st, NULL) !=
		    SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, back);
		if (sqlite3_step(st) != SQLITE_ROW)
			goto fail;
		rooms = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		st = NULL;
		if (rooms > 0) {
			if (sqlite3_prepare_v2(s->db, used_sql, -1, &st,
			    NULL) != SQLITE_OK)
				goto fail;
			for (day = from > arrival ? from : arrival;
			    day < arrival + nights && why == NULL; day++) {
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 1, back);
				sqlite3_bind_int64(st, 2, day);
				sqlite3_bind_int64(st, 3, res_id);
				if (sqlite3_step(st) != SQLITE_ROW)
					goto fail;
				if (rooms - sqlite3_column_int64(st, 0) < 1)
					why = "the room type it had is no longer "
					    "free on every night left";
			}
			sqlite3_finalize(st);
			st = NULL;
		}
	}
	if (why != NULL) {
		store_rollback(s);
		*cause = xstrdup(why);
		return 1;
	}
	if (sqlite3_prepare_v2(s->db, upd_sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (mark_undone(s, "outcome = 1 AND room_type_id IS NOT NULL"
	    " AND addon_id IS NULL AND ?2 = ?3", res_id, 0, 0, at) < 0)
		goto fail;
	return store_commit(s, cause);
fail:
	store_fail(s, cause, "cannot undo the upgrade");
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

int
store_decline_undo(struct store *s, int64_t res_id, int64_t type_id,
    int64_t addon_id, int64_t at, char **cause)
{
	int n;

	if (store_begin(s, cause) != 0)
		return -1;
	n = type_id != 0 ? mark_undone(s, "outcome = 2 AND room_type_id = ?2"
	    " AND addon_id IS NULL AND ?3 = ?3", res_id, type_id, 0, at) :
	    mark_undone(s, "outcome = 2 AND addon_id = ?3 AND ?2 = ?2",
	    res_id, 0, addon_id, at);
	if (n < 0) {
		store_fail(s, cause, "cannot withdraw the decline");
		store_rollback(s);
		return -1;
	}
	if (n == 0) {
		store_rollback(s);
		*cause = xstrdup("the guest has not declined that");
		return 1;
	}
	return store_commit(s, cause);
}

int
store_addon_undo(struct store *s, int64_t res_id, int64_t addon_id, int64_t at,
    char **cause)
{
	sqlite3_stmt *st = NULL;
	int n;

	if (store_begin(s, cause) != 0)
		return -1;
	if (sqlite3_prepare_v2(s->db, "DELETE FROM addon_sale WHERE"
	    " reservation_id = ?1 AND addon_id = ?2", -1, &st, NULL) !=
	    SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, res_id);
	sqlite3_bind_int64(st, 2, addon_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_changes(s->db) == 0) {
		store_rollback(s);
		*cause = xstrdup("the stay does not have that add-on");
		return 1;
	}
	if ((n = mark_undone(s, "outcome = 1 AND addon_id = ?3 AND ?2 = ?2",
	    res_id, 0, addon_id, at)) < 0)
		goto fail;
	return store_commit(s, cause);
fail:
	store_fail(s, cause, "cannot take the add-on off");
	sqlite3_finalize(st);
	store_rollback(s);
	return -1;
}

static void
name_row(sqlite3_stmt *st, void *p)
{
	*(char **)p = col_text(st, 0);
}

static void
name_clear(void *p)
{
	free(*(char **)p);
}

int
store_hotel_names(struct store *s, char ***names, size_t *n, char **cause)
{
	sqlite3_stmt *st;

	*names = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT name FROM hotel ORDER BY name",
	    -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the hotels");
	return store_collect(s, st, sizeof **names, name_row, name_clear,
	    (void **)names, n, cause, "cannot read the hotels");
}

/* ---- import log ------------------------------------------------------- */

int
store_import_log(struct store *s, int64_t at, const char *format,
    const char *file, int64_t records, int64_t added, char **cause)
{
	sqlite3_stmt *st = store_stmt(s, Q_IMPORT_LOG, cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, at);
	bind_text(st, 2, format);
	bind_text(st, 3, file);
	sqlite3_bind_int64(st, 4, records);
	sqlite3_bind_int64(st, 5, added);
	return store_done(s, st, cause, "cannot log the import");
}

/* ---- script variants (report scripts) ----------------------------------- */

int
store_variant_counts(struct store *s, int64_t from, int64_t to,
    struct variant_count **out, size_t *n, char **cause)
{
	static const char sql[] =
	    "SELECT variant, sum(outcome = 0), sum(outcome = 1),"
	    " sum(outcome = 2) FROM offer"
	    " WHERE training = 0 AND variant IS NOT NULL AND variant <> ''"
	    " AND at >= ?1 AND at < ?2 GROUP BY variant ORDER BY variant";
	struct variant_count *tmp = NULL, *v;
	sqlite3_stmt *st;
	size_t cnt = 0, cap = 0, bytes = 0, len, i;
	const char *text;
	char *p;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read offers");
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	/* Rows first (each string its own copy), then one packed block. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? 2 * cap : 16;
			tmp = xreallocarray(tmp, cap, sizeof *tmp);
		}
		text = (const char *)sqlite3_column_text(st, 0);
		tmp[cnt].variant = xstrdup(text != NULL ? text : "");
		tmp[cnt].shown = sqlite3_column_int64(st, 1);
		tmp[cnt].accepted = sqlite3_column_int64(st, 2);
		tmp[cnt].declined = sqlite3_column_int64(st, 3);
		bytes += strlen(tmp[cnt].variant) + 1;
		cnt++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		for (i = 0; i < cnt; i++)
			free((char *)tmp[i].variant);
		free(tmp);
		return store_fail(s, cause, "cannot read offers");
	}
	if (cnt > 0) {
		v = xmalloc(cnt * sizeof *v + bytes);
		p = (char *)(v + cnt);
		for (i = 0; i < cnt; i++) {
			len = strlen(tmp[i].variant) + 1;
			memcpy(p, tmp[i].variant, len);
			free((char *)tmp[i].variant);
			v[i] = tmp[i];
			v[i].variant = p;
			p += len;
		}
		*out = v;
		*n = cnt;
	}
	free(tmp);
	return 0;
}

/* ---- uplift check ------------------------------------------------------- */

/* Say one problem; count it. */
static void
problem(store_problem_fn fn, void *arg, int *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(store_problem_fn fn, void *arg, int *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fn(arg, msg);
	free(msg);
	(*n)++;
}

static void
noop_upgrade(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_null(ctx);
}

/* The schema uplift's migrations make, in a database in memory. */
static int
reference_schema(sqlite3 **out)
{
	sqlite3 *db = NULL;
	int i;

	*out = NULL;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "uplift_upgrade_14", 0, SQLITE_UTF8,
	    NULL, noop_upgrade, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	for (i = 0; i < NMIGRATIONS; i++)
		if (sqlite3_exec(db, migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK) {
			sqlite3_close(db);
			return -1;
		}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	*out = db;
	return 0;
}

/* Compare the schema with the reference: every object uplift makes must
 * be there as made, and nothing else. */
static int
verify_schema(struct store *s, store_problem_fn fn, void *arg, int *n,
    char **cause)
{
	static const char q[] = "SELECT type, name, coalesce(sql, '') FROM"
	    " sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
	sqlite3 *ref;
	sqlite3_stmt *a, *b, *find;
	int rc;

	if (reference_schema(&ref) != 0) {
		*cause = xstrdup("cannot build the reference schema");
		return -1;
	}
	/* what uplift makes, looked for in the database */
	if (sqlite3_prepare_v2(ref, q, -1, &a, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT type, coalesce(sql, '') FROM"
	    " sqlite_schema WHERE name = ?1", -1, &find, NULL) != SQLITE_OK) {
		sqlite3_close(ref);
		return store_fail(s, cause, "cannot read the schema");
	}
	while (sqlite3_step(a) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(a, 0);
		const char *name = (const char *)sqlite3_column_text(a, 1);
		const char *sql = (const char *)sqlite3_column_text(a, 2);

		sqlite3_reset(find);
		bind_text(find, 1, name);
		if ((rc = sqlite3_step(find)) != SQLITE_ROW)
			problem(fn, arg, n, "%s %s is missing%s", type, name,
			    strncmp(name, "audit_", 6) == 0 ? " (a guard of "
			    "the audit log: dropped outside uplift)" : "");
		else if (strcmp((const char *)sqlite3_column_text(find, 0),
		    type) != 0 || strcmp((const char *)
		    sqlite3_column_text(find, 1), sql) != 0)
			problem(fn, arg, n, "%s %s is not as uplift made it",
			    type, name);
	}
	sqlite3_finalize(a);
	sqlite3_finalize(find);
	/* and nothing else */
	if (sqlite3_prepare_v2(s->db, q, -1, &b, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, "SELECT 1 FROM sqlite_schema WHERE name ="
	    " ?1", -1, &find, NULL) != SQLITE_OK) {
		sqlite3_close(ref);
		return store_fail(s, cause, "cannot read the schema");
	}
	while (sqlite3_step(b) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(b, 1);
		char *clean;

		sqlite3_reset(find);
		sqlite3_bind_text(find, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(find) != SQLITE_ROW) {
			clean = text_cleans(name, 60);
			problem(fn, arg, n, "%s %s was added outside uplift",
			    (const char *)sqlite3_column_text(b, 0), clean);
			free(clean);
		}
	}
	sqlite3_finalize(b);
	sqlite3_finalize(find);
	sqlite3_close(ref);
	return 0;
}

/* The audit chain: ids from 1 with no gap, each prev the hash of the row
 * before, each hash its contents', the last row the head in meta. */
static int
verify_audit(struct store *s, store_problem_fn fn, void *arg, int *n,
    int64_t *rows, char **cause)
{
	sqlite3_stmt *st;
	char prev[HASH_HEX] = "", hash[HASH_HEX], head[HASH_HEX + 32];
	int64_t id, expect = 1, head_id = 0;
	int rc, gap;

	*rows = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id, at, clerk_id, action,"
	    " subject, detail, prev, hash FROM audit ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the audit log");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rp = (const char *)sqlite3_column_text(st, 6);
		const char *rh = (const char *)sqlite3_column_text(st, 7);

		id = sqlite3_column_int64(st, 0);
		(*rows)++;
		gap = id != expect;
		if (id == expect + 1)
			problem(fn, arg, n, "audit row %lld is missing (deleted)",
			    (long long)expect);
		else if (id > expect)
			problem(fn, arg, n, "audit rows %lld to %lld are missing "
			    "(deleted)", (long long)expect, (long long)(id - 1));
		audit_hash(rp != NULL ? rp : "", id,
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5), hash);
		if (rh == NULL || rp == NULL)
			problem(fn, arg, n, "audit row %lld has no hash: it was "
			    "added outside uplift", (long long)id);
		else if (strcmp(hash, rh) != 0)
			problem(fn, arg, n, "audit row %lld was changed after "
			    "it was written (its hash does not match what it "
			    "says)", (long long)id);
		else if (!gap && strcmp(rp, prev) != 0)
			problem(fn, arg, n, "audit row %lld does not follow "
			    "the row before it (the chain is broken there)",
			    (long long)id);
		snprintf(prev, sizeof prev, "%s", rh != NULL ? rh : "");
		expect = id + 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the audit log");
	/* the head: the last row uplift wrote */
	if (store_pragma_text(s, "SELECT value FROM meta WHERE key ="
	    " 'audit_head'", head, sizeof head) != 0) {
		if (*rows > 0)
			problem(fn, arg, n, "the audit log's head is missing "
			    "from meta (removed outside uplift)");
		return 0;
	}
	head_id = strtoll(head, NULL, 10);
	if (head_id == expect)
		problem(fn, arg, n, "audit row %lld, the last one written, is "
		    "missing (deleted)", (long long)expect);
	else if (head_id > expect)
		problem(fn, arg, n, "audit rows %lld to %lld, the last ones "
		    "written, are missing (deleted)", (long long)expect,
		    (long long)head_id);
	else if (head_id < expect - 1)
		problem(fn, arg, n, "audit rows after row %lld were not written "
		    "by uplift", (long long)head_id);
	else if (strchr(head, ' ') == NULL || strcmp(strchr(head, ' ') + 1,
	    prev) != 0)
		problem(fn, arg, n, "audit row %lld is not the row uplift "
		    "wrote last", (long long)head_id);
	return 0;
}

/* Each clerk's role must be the one the audit log last gave them
 * (staff-add, role-change, pin-change: "NAME: role"); a clerk the
 * console signed up without one is a clerk. */
static int
verify_roles(struct store *s, store_problem_fn fn, void *arg, int *n,
    char **cause)
{
	sqlite3_stmt *st, *last;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT name, role FROM clerk ORDER BY"
	    " name", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT id, subject FROM audit WHERE"
	    " action IN ('staff-add', 'role-change', 'pin-change')"
	    " AND substr(subject, 1, length(?1) + 2) = ?1 || ': '"
	    " ORDER BY id DESC LIMIT 1", -1, &last, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the staff");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		int role = sqlite3_column_int(st, 1), want = CLERK_CLERK;
		int64_t row = 0;
		const char *subj, *r;
		char *clean;
		static const char *const names[] = { "trainee", "clerk",
		    "manager" };

		sqlite3_reset(last);
		bind_text(last, 1, name);
		if (sqlite3_step(last) == SQLITE_ROW) {
			row = sqlite3_column_int64(last, 0);
			subj = (const char *)sqlite3_column_text(last, 1);
			r = strrchr(subj, ' ');
			r = r != NULL ? r + 1 : "";
			want = strcmp(r, "manager") == 0 ? CLERK_MANAGER :
			    strcmp(r, "trainee") == 0 ? CLERK_TRAINEE :
			    CLERK_CLERK;
		}
		if (role != want) {
			clean = text_cleans(name, 40);
			if (row > 0)
				problem(fn, arg, n, "clerk %s is a %s, but the "
				    "audit log last made them a %s (row %lld): "
				    "the role was changed outside uplift", clean,
				    role >= 0 && role <= 2 ? names[role] : "?",
				    names[want], (long long)row);
			else
				problem(fn, arg, n, "clerk %s is a %s, but no "
				    "audit row gave them that role: it was "
				    "changed outside uplift", clean,
				    role >= 0 && role <= 2 ? names[role] : "?");
			free(clean);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(last);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the staff");
	return 0;
}

int
store_verify(struct store *s, store_problem_fn fn, void *arg,
    int64_t *rows, char **cause)
{
	sqlite3_stmt *st;
	int n = 0, rc;

	*rows = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot check the database");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t != NULL && strcmp(t, "ok") != 0)
			problem(fn, arg, &n, "integrity: %s", t);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot check the database");
	if (verify_schema(s, fn, arg, &n, cause) != 0 ||
	    verify_audit(s, fn, arg, &n, rows, cause) != 0 ||
	    verify_roles(s, fn, arg, &n, cause) != 0)
		return -1;
	return n;
}

int
store_clerk_role_audited(struct store *s, const char *name, int role,
    char **cause)
{
	sqlite3_stmt *st;
	const char *r;
	int rc, want = CLERK_CLERK;

	if (sqlite3_prepare_v2(s->db, "SELECT subject FROM audit WHERE"
	    " action IN ('staff-add', 'role-change', 'pin-change')"
	    " AND substr(subject, 1, length(?1) + 2) = ?1 || ': '"
	    " ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, cause, "cannot read the audit log");
	bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = strrchr((const char *)sqlite3_column_text(st, 0), ' ');
		r = r != NULL ? r + 1 : "";
		want = strcmp(r, "manager") == 0 ? CLERK_MANAGER :
		    strcmp(r, "trainee") == 0 ? CLERK_TRAINEE : CLERK_CLERK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, cause, "cannot read the audit log");
	return role == want;
}

int
store_pseudonymise(struct store *s, char **cause)
{
	int logn = 0, ckpt = 0;

	if (store_begin(s, cause) != 0)
		return -1;
	/* names, phones, emails and loyalty numbers replaced by made-up
	 * ones of the same shape (the last 4 digits from the row number);
	 * codes, history and everything else kept */
	if (store_exec(s, "UPDATE customer SET"
	    " name = CASE WHEN erased THEN '' ELSE 'Customer ' || id END,"
	    " phone = CASE WHEN phone IS NULL THEN NULL"
	    "  ELSE '+00 0000 ' || printf('%04d', id % 10000) END,"
	    " phone_rev = CASE WHEN phone IS NULL THEN NULL"
	    "  ELSE substr(printf('%04d', id % 10000), 4, 1)"
	    "  || substr(printf('%04d', id % 10000), 3, 1)"
	    "  || substr(printf('%04d', id % 10000), 2, 1)"
	    "  || substr(printf('%04d', id % 10000), 1, 1) || '000000' END,"
	    " email = CASE WHEN email IS NULL THEN NULL"
	    "  ELSE 'customer' || id || '@example.invalid' END,"
	    " loyalty = CASE WHEN loyalty IS NULL THEN NULL"
	    "  ELSE 'T-' || id END", cause) != 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, cause) != 0)
		return -1;
	/* the old values out of the -wal too (secure_delete zeroed them in
	 * the pages) */
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    &logn, &ckpt) != SQLITE_OK)
		return store_fail(s, cause, "cannot empty the -wal");
	return 0;
}
