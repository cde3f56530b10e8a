/*
 * store_sql.c — the statement table: the SQL of every fixed statement of
 * the store, by room (ids in store_impl.h).  Each is prepared once per
 * connection, on first use (store_stmt_get).
 */
#include "model/store_impl.h"

const char *const stmt_sql[Q_COUNT] = {
	/* ---- the core: import keys, meta */
	[Q_SEEN] =
	    "INSERT INTO temp.import_seen(ns, key, line) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (ns, key) DO UPDATE SET line = line RETURNING line",
	[Q_META_SET] =
	    "INSERT INTO meta(key, value)"
	    " VALUES ('currency', ?1), ('scale', ?2)"
	    " ON CONFLICT(key) DO NOTHING",
	[Q_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	/* ---- the migrations' C part (store_schema.c) */
	[Q_UPG14_CODES] =
	    "SELECT id, code FROM customer ORDER BY"
	    " id",
	[Q_UPG14_CODE] =
	    "UPDATE OR IGNORE customer SET code = ?2"
	    " WHERE id = ?1",
	[Q_UPG14_AUDIT] =
	    "SELECT id, at, clerk_id, action,"
	    " subject, detail FROM audit ORDER BY id",
	[Q_UPG14_CHAIN] =
	    "UPDATE audit SET prev = ?2,"
	    " hash = ?3 WHERE id = ?1",
	/* ---- catalogue, categories, bundles, talking points (store_catalog.c) */
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
	[Q_ITEMS] = "SELECT " ITEM_COLUMNS " FROM item ORDER BY id",
	[Q_BENEFITS] =
	    "SELECT item_id, lang, text FROM"
	    " item_benefit ORDER BY item_id, lang",
	[Q_CATEGORIES] =
	    "SELECT name, refill_days FROM category"
	    " ORDER BY name",
	[Q_BUNDLES] =
	    "SELECT b.id, b.code, b.name, b.price, i.item_id, i.qty"
	    " FROM bundle b JOIN bundle_item i ON i.bundle_id = b.id"
	    " ORDER BY b.id, i.item_id",
	[Q_SCRIPT_CLEAR] = "DELETE FROM script WHERE lang = ?1",
	[Q_SCRIPT_PUT] =
	    "INSERT INTO script(kind, scope, lang,"
	    " variant, line, text) VALUES (?1,?2,?3,?4,?5,?6)",
	[Q_SCRIPTS] =
	    "SELECT kind, scope, lang, variant, line,"
	    " text FROM script ORDER BY lang, kind, scope, variant, line",
	/* ---- customers, their history and profile (store_customers.c) */
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
	[Q_CUST_FIND] =
	    "SELECT id, code, name, phone, email, loyalty, lang, segment,"
	    " country, consent, min(rank) FROM ("
	    "  SELECT id, 0 AS rank FROM customer WHERE code IN (?1, ?6, ?7)"
	    "  UNION ALL SELECT id, 1 FROM customer WHERE loyalty = ?1"
	    "  UNION ALL SELECT id, 2 FROM customer WHERE ?2 IS NOT NULL"
	    "    AND phone_rev >= ?2 AND phone_rev < ?2 || ':'"
	    "  UNION ALL SELECT id, 2 FROM customer WHERE phone_rev = ?5"
	    "  UNION ALL SELECT id, 3 FROM customer"
	    "    WHERE name LIKE ?3 || '%' ESCAPE '\\'"
	    "  UNION ALL SELECT id, 4 FROM customer"
	    "    WHERE name LIKE '%' || ?3 || '%' ESCAPE '\\'"
	    "  UNION ALL SELECT id, 2 FROM customer WHERE ?8 IS NOT NULL"
	    "    AND loyalty IS NOT NULL"
	    "    AND instr(uplift_digits(loyalty), ?8) > 0"
	    "  UNION ALL SELECT id, 5 FROM customer WHERE ?9 IS NOT NULL"
	    "    AND uplift_match(name, ?9)"
	    ") JOIN customer USING (id) WHERE erased = 0"
	    " GROUP BY id ORDER BY min(rank), name COLLATE NOCASE, id"
	    " LIMIT ?4",
	[Q_HISTORY_TOTALS] =
	    "SELECT count(*), coalesce(sum(l.qty * l.unit_price), 0),"
	    " (SELECT count(*) FROM orders WHERE customer_id = ?1 AND kind = 0),"
	    " (SELECT count(*) FROM orders WHERE customer_id = ?1 AND kind = 1),"
	    " (SELECT min(at) FROM orders WHERE customer_id = ?1 AND kind = 0),"
	    " (SELECT max(at) FROM orders WHERE customer_id = ?1 AND kind = 0)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.customer_id = ?1",
	[Q_HISTORY_LINES] =
	    "SELECT o.code, o.at, o.kind, i.sku, coalesce(l.descr, i.name),"
	    " l.qty, l.unit_price"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id"
	    " WHERE o.customer_id = ?1"
	    " ORDER BY o.at DESC, o.id DESC, l.line LIMIT ?2",
	[Q_PROFILE_TOP] =
	    "SELECT i.sku, i.name, sum(l.qty), count(DISTINCT o.id)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id"
	    " WHERE o.customer_id = ?1 AND o.kind = 0 AND i.kind = 0"
	    " GROUP BY i.id ORDER BY 4 DESC, 3 DESC, i.sku LIMIT ?2",
	[Q_PROFILE_MONTHS] =
	    "SELECT o.at, sum(l.qty * l.unit_price)"
	    " FROM orders o JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.customer_id = ?1 AND o.at >= ?2 AND o.at < ?3"
	    " GROUP BY o.id",
	[Q_CUST_ORDERS] =
	    "SELECT o.id, o.at, l.item_id, l.qty FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.id IN (SELECT id FROM orders WHERE customer_id = ?1"
	    "  AND kind = 0 AND at < ?2 ORDER BY at DESC, id DESC LIMIT ?3)"
	    " AND l.qty > 0 AND l.item_id NOT IN (SELECT id FROM item"
	    "  WHERE kind = 1) ORDER BY o.at, o.id, l.line",
	[Q_CUST_RETURNS] =
	    "SELECT o.at, l.item_id, abs(l.qty) FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id"
	    " WHERE o.customer_id = ?1 AND o.kind = 1 AND o.at < ?2"
	    " AND l.qty <> 0 ORDER BY o.at, o.id, l.line",
	/* ---- orders, baskets, the mined model, the import log (store_orders.c) */
	[Q_ORDER_ID] = "SELECT id FROM orders WHERE code = ?1",
	[Q_ORDER_ADD] =
	    "INSERT INTO orders(code, customer_id, at, kind, country, source)"
	    " VALUES (?1,?2,?3,?4,?5,?6)",
	[Q_LINE_ADD] =
	    "INSERT INTO order_line(order_id, line, item_id, qty, unit_price,"
	    " descr) VALUES (?1,?2,?3,?4,?5,?6)",
	[Q_ORDER_CODE] = "UPDATE orders SET code = 'POS' || id WHERE id = ?1",
	[Q_STOCK_TAKE] =
	    "UPDATE item SET stock = max(stock - ?2, 0)"
	    " WHERE id = ?1 AND stock IS NOT NULL",
	[Q_IMPORT_LOG] =
	    "INSERT INTO import_log(at, format, file, records, added)"
	    " VALUES (?1,?2,?3,?4,?5)",
	[Q_ORDER_LINES] =
	    "SELECT coalesce(max(line), 0) FROM"
	    " order_line WHERE order_id = ?1",
	[Q_ORDER_META] =
	    "SELECT id, coalesce(customer_id, 0), at FROM orders"
	    " WHERE kind = 0 AND at < ?1 ORDER BY id",
	[Q_BASKET_ITEMS] =
	    "SELECT id, sku, name FROM item WHERE kind = 0 ORDER BY id",
	[Q_BASKET_LINES] =
	    "SELECT order_id, item_id FROM order_line WHERE qty > 0"
	    " ORDER BY order_id, line",
	[Q_SCAN_LINES] =
	    "SELECT order_id, item_id, qty FROM order_line WHERE qty > 0"
	    " AND item_id NOT IN (SELECT id FROM item WHERE kind = 1)"
	    " ORDER BY order_id, line",
	[Q_MODEL_SAVE] =
	    "INSERT OR REPLACE INTO model(name,"
	    " built, data) VALUES (?1, ?2, ?3)",
	[Q_MODEL_LOAD] =
	    "SELECT built, data FROM model"
	    " WHERE name = ?1",
	/* built by lines_batch_sql() (LINE_BATCH rows) */
	[Q_LINES_ADD] = NULL,
	[Q_ORDER_MAX] = "SELECT coalesce(max(id), 0) FROM orders",
	[Q_ORDER_NEWEST] = "SELECT coalesce(max(at), 0) FROM orders",
	[Q_ORDER_MARK_OFFER] =
	    "UPDATE orders SET offer_taken = 1 WHERE id = ?1",
	/* ---- the offer log (store_offers.c) */
	[Q_OFFER_ADD] =
	    "INSERT INTO offer(at, clerk_id, counter, customer_id, item_id,"
	    " kind, price_diff, outcome, reason, variant, training,"
	    " reservation_id, room_type_id, jkey, addon_id)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)"
	    " ON CONFLICT(jkey) WHERE jkey IS NOT NULL DO NOTHING",
	[Q_OFFER_REASON] =
	    "UPDATE offer SET reason = ?2 WHERE id = ?1 AND outcome = 2",
	[Q_TAKE_RATES] =
	    "SELECT item_id, kind, sum(outcome = 0), sum(outcome = 1)"
	    " FROM offer WHERE training = 0 AND item_id IS NOT NULL"
	    " AND reservation_id IS NULL GROUP BY item_id, kind"
	    " ORDER BY item_id, kind",
	[Q_PAST_OFFERS] =
	    "SELECT item_id, kind, outcome, at FROM offer"
	    " WHERE customer_id = ?1 AND at >= ?2 AND outcome IN (1, 2)"
	    " AND training = 0 AND item_id IS NOT NULL ORDER BY at DESC",
	[Q_OFFER_JKEY] = "SELECT id FROM offer WHERE jkey = ?1",
	[Q_OFFER_REASON_JKEY] =
	    "UPDATE offer SET reason = ?2 WHERE jkey = ?3 AND outcome = 2",
	/* ---- hotels, room types, reservations (store_hotel.c) */
	[Q_HOTEL_ID] = "SELECT id FROM hotel WHERE name = ?1",
	[Q_HOTEL_ADD] = "INSERT INTO hotel(name) VALUES (?1)",
	[Q_RT_ID] =
	    "SELECT id FROM room_type WHERE hotel_id = ?1 AND code = ?2",
	[Q_RT_PUT] =
	    "INSERT INTO room_type(hotel_id, code, name, tier, rate, capacity,"
	    " view, size_m2, benefit_bn, benefit_gu)"
	    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
	    " ON CONFLICT(hotel_id, code) DO UPDATE SET name = excluded.name,"
	    " tier = excluded.tier, rate = excluded.rate,"
	    " capacity = excluded.capacity, view = excluded.view,"
	    " size_m2 = excluded.size_m2, benefit_bn = excluded.benefit_bn,"
	    " benefit_gu = excluded.benefit_gu RETURNING id",
	[Q_ROOM_ID] = "SELECT id FROM room WHERE hotel_id = ?1 AND number = ?2",
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
	[Q_SNAP_TYPES] =
	    "SELECT t.id, t.tier, t.rate, t.name,"
	    " (SELECT count(*) FROM room r WHERE r.room_type_id = t.id),"
	    " t.view, coalesce(t.size_m2, 0), t.code, t.benefit_bn,"
	    " t.benefit_gu"
	    " FROM room_type t WHERE t.hotel_id = ?1 ORDER BY t.tier, t.id",
	[Q_SNAP_STAYS] =
	    "SELECT id, coalesce(assigned_type_id, room_type_id), arrival,"
	    " nights FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND nights > 0"
	    " AND arrival < ?3 AND arrival + nights > ?2",
	/* rooms unknown: the most stays of the type on one night, ever */
	[Q_SNAP_PEAK] =
	    "WITH RECURSIVE n(r, d) AS ("
	    "  SELECT id, arrival FROM reservation WHERE hotel_id = ?1"
	    "   AND status NOT IN (3, 4) AND nights > 0"
	    "  UNION ALL SELECT r, d + 1 FROM n JOIN reservation x"
	    "   ON x.id = n.r WHERE d + 1 < x.arrival + x.nights)"
	    " SELECT t, max(c) FROM (SELECT coalesce(x.assigned_type_id,"
	    "  x.room_type_id) AS t, n.d, count(*) AS c FROM n"
	    "  JOIN reservation x ON x.id = n.r GROUP BY t, n.d) GROUP BY t",
	[Q_MOVES] =
	    "SELECT room_type_id, assigned_type_id,"
	    " count(*) FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND assigned_type_id IS NOT NULL"
	    " AND assigned_type_id != room_type_id GROUP BY 1, 2",
	[Q_SEGMENT_MOVES] =
	    "SELECT segment, room_type_id,"
	    " assigned_type_id, count(*) FROM reservation WHERE hotel_id = ?1"
	    " AND status NOT IN (3, 4) AND assigned_type_id IS NOT NULL"
	    " AND assigned_type_id != room_type_id AND segment IS NOT NULL"
	    " AND segment != '' GROUP BY 1, 2, 3",
	[Q_ARRIVALS] =
	    "SELECT id FROM reservation"
	    " WHERE hotel_id = ?1 AND status NOT IN (3, 4)"
	    " AND arrival >= ?2 AND arrival < ?3 ORDER BY arrival, id",
	[Q_RT_TIER] = "SELECT tier FROM room_type WHERE id = ?1",
	[Q_HOTEL_PRICING_SET] =
	    "UPDATE hotel SET cap_percent = ?2,"
	    " supplement_floor = ?3 WHERE id = ?1",
	[Q_SUPPL_ID] =
	    "SELECT 1 FROM supplement"
	    " WHERE from_type_id = ?1 AND to_type_id = ?2",
	[Q_SUPPL_PUT] =
	    "INSERT INTO supplement(from_type_id,"
	    " to_type_id, per_night) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (from_type_id, to_type_id) DO UPDATE SET"
	    " per_night = ?3",
	[Q_HOTEL_PRICING] =
	    "SELECT cap_percent, supplement_floor"
	    " FROM hotel WHERE id = ?1",
	[Q_SUPPLEMENTS] =
	    "SELECT p.from_type_id, p.to_type_id,"
	    " p.per_night FROM supplement p JOIN room_type t"
	    " ON t.id = p.from_type_id WHERE t.hotel_id = ?1",
	[Q_GUEST_STAYS] =
	    "SELECT arrival, nights,"
	    " coalesce(assigned_type_id, room_type_id), rate * nights"
	    " FROM reservation WHERE hotel_id = ?1 AND guest_id = ?2"
	    " AND status = 2 AND arrival < ?3"
	    " ORDER BY arrival DESC, id DESC",
	[Q_RES_DECLINED] =
	    "SELECT DISTINCT room_type_id FROM offer"
	    " WHERE reservation_id = ?1 AND outcome = 2 AND undone IS NULL"
	    " AND room_type_id IS NOT NULL",
	/* ?2 NULL: the day's arrivals; else a confirmation or guest name
	 * holding it, the stays nearest the day first */
	[Q_RES_FIND] =
	    "SELECT r.id, r.code, coalesce(c.name, ''), r.arrival, r.nights,"
	    " coalesce(r.assigned_type_id, r.room_type_id), r.status,"
	    " count(*) OVER ()"
	    " FROM reservation r LEFT JOIN customer c ON c.id = r.guest_id"
	    " WHERE r.hotel_id = ?1 AND (?2 IS NULL AND r.arrival = ?3"
	    "  AND r.status NOT IN (3, 4)"
	    "  OR ?2 IS NOT NULL AND (r.code LIKE '%' || ?2 || '%' ESCAPE '\\'"
	    "  OR c.erased = 0 AND c.name LIKE '%' || ?2 || '%' ESCAPE '\\'"
	    "  OR c.erased = 0 AND ?5 IS NOT NULL AND uplift_match(c.name, ?5)))"
	    " ORDER BY ?2 IS NOT NULL AND r.code LIKE ?2 || '%' ESCAPE '\\' DESC,"
	    " abs(r.arrival - ?3), r.arrival, r.code LIMIT ?4",
	[Q_RES_GET] =
	    "SELECT id, hotel_id, code, guest_id,"
	    " arrival, nights, room_type_id, assigned_type_id, rate, adults,"
	    " children, status, repeated, segment, coalesce(booked_rate, 0),"
	    " coalesce(prior_type_id, 0), coalesce(moved_on, 0)"
	    " FROM reservation WHERE id = ?1",
	[Q_HOTEL_NAMES] = "SELECT name FROM hotel ORDER BY name",
	/* ---- add-ons and upgrades sold at the desk (store_hotel_sell.c) */
	[Q_ADDON_ID] =
	    "SELECT 1 FROM addon"
	    " WHERE hotel_id = ?1 AND code = ?2",
	[Q_ADDON_PUT] =
	    "INSERT INTO addon(hotel_id, code, name,"
	    " price, per, on_departure, valid_from, valid_to, daily)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT (hotel_id, code) DO UPDATE SET name = ?3,"
	    " price = ?4, per = ?5, on_departure = ?6, valid_from = ?7,"
	    " valid_to = ?8, daily = ?9",
	[Q_ADDONS] =
	    "SELECT id, name, price, per,"
	    " on_departure, valid_from, valid_to, daily, code FROM addon"
	    " WHERE hotel_id = ?1 ORDER BY id",
	[Q_ADDONS_SOLD] =
	    "SELECT a.addon_id, a.day, a.days,"
	    " a.units FROM addon_sale a JOIN addon d ON d.id = a.addon_id"
	    " JOIN reservation r ON r.id = a.reservation_id"
	    " WHERE d.hotel_id = ?1 AND r.status NOT IN (3, 4)"
	    " AND a.day <= ?3 AND a.day + a.days > ?2",
	[Q_RES_ADDONS] =
	    "SELECT DISTINCT addon_id FROM addon_sale"
	    " WHERE reservation_id = ?1 ORDER BY addon_id",
	/* the add-ons the guest said no to for the stay (not withdrawn) */
	[Q_RES_ADDONS_DECLINED] =
	    "SELECT DISTINCT addon_id FROM offer"
	    " WHERE reservation_id = ?1 AND outcome = 2 AND undone IS NULL"
	    " AND addon_id IS NOT NULL ORDER BY addon_id",
	[Q_ADDON_HAVE] =
	    "SELECT (SELECT daily FROM addon WHERE id = ?2),"
	    " (SELECT count(*) FROM addon_sale"
	    "  WHERE reservation_id = ?1 AND addon_id = ?2),"
	    " (SELECT status FROM reservation WHERE id = ?1)",
	[Q_ADDON_USED] =
	    "SELECT coalesce(sum(a.units), 0) FROM addon_sale a"
	    " JOIN reservation r ON r.id = a.reservation_id"
	    " WHERE a.addon_id = ?1 AND r.status NOT IN (3, 4)"
	    " AND a.day <= ?2 AND a.day + a.days > ?2",
	[Q_ADDON_SELL] =
	    "INSERT INTO addon_sale(reservation_id, addon_id, day, days,"
	    " units, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_UPG_RES] =
	    "SELECT arrival, nights, hotel_id, status,"
	    " coalesce(assigned_type_id, room_type_id)"
	    " FROM reservation WHERE id = ?1",
	[Q_UPG_ROOMS] =
	    "SELECT count(*) FROM room r JOIN room_type t"
	    " ON t.id = r.room_type_id WHERE t.id = ?1 AND t.hotel_id = ?2",
	/* stays in that type on night ?2, this one left out */
	[Q_UPG_USED] =
	    "SELECT count(*) FROM reservation WHERE id != ?3"
	    " AND coalesce(assigned_type_id, room_type_id) = ?1"
	    " AND status NOT IN (3, 4) AND arrival <= ?2"
	    " AND arrival + nights > ?2",
	/* what was booked is kept by the first upgrade (the right-hand
	 * sides read the row as it was) */
	[Q_UPG_SET] =
	    "UPDATE reservation SET assigned_type_id = ?2, rate = rate + ?3,"
	    " booked_rate = coalesce(booked_rate, rate),"
	    " prior_type_id = CASE WHEN booked_rate IS NULL"
	    "  THEN assigned_type_id ELSE prior_type_id END,"
	    " moved_on = CASE WHEN ?4 > arrival THEN ?4 END WHERE id = ?1",
	/* ---- undoing the desk's answers (store_hotel_sell.c) */
	[Q_UNDO_RES] =
	    "SELECT arrival, nights, booked_rate,"
	    " coalesce(prior_type_id, room_type_id), hotel_id"
	    " FROM reservation WHERE id = ?1",
	[Q_UNDO_ROOMS] = "SELECT count(*) FROM room WHERE room_type_id = ?1",
	[Q_UNDO_SET] =
	    "UPDATE reservation SET assigned_type_id = prior_type_id,"
	    " rate = booked_rate, booked_rate = NULL, prior_type_id = NULL,"
	    " moved_on = NULL WHERE id = ?1",
	/* the stay ?1's rows marked undone at ?4: its accepted upgrades; its
	 * declines of room type ?2; its declines of add-on ?3; its
	 * acceptances of add-on ?3 (parameters a statement does not use are
	 * bound all the same, by mark_undone) */
	[Q_UNDO_UPGRADES] =
	    "UPDATE offer SET undone = ?4 WHERE reservation_id = ?1"
	    " AND undone IS NULL AND outcome = 1 AND room_type_id IS NOT NULL"
	    " AND addon_id IS NULL",
	[Q_UNDO_DECLINE_TYPE] =
	    "UPDATE offer SET undone = ?4 WHERE reservation_id = ?1"
	    " AND undone IS NULL AND outcome = 2 AND room_type_id = ?2"
	    " AND addon_id IS NULL",
	[Q_UNDO_DECLINE_ADDON] =
	    "UPDATE offer SET undone = ?4 WHERE reservation_id = ?1"
	    " AND undone IS NULL AND outcome = 2 AND addon_id = ?3",
	[Q_UNDO_ADDON_ROWS] =
	    "UPDATE offer SET undone = ?4 WHERE reservation_id = ?1"
	    " AND undone IS NULL AND outcome = 1 AND addon_id = ?3",
	/* the counter's answer ?1 taken back at ?2 (store_offers.c) */
	[Q_OFFER_UNDO] =
	    "UPDATE offer SET undone = ?2 WHERE id = ?1 AND undone IS NULL"
	    " AND outcome IN (1, 2)",
	[Q_ADDON_UNSELL] =
	    "DELETE FROM addon_sale WHERE reservation_id = ?1"
	    " AND addon_id = ?2",
	/* ---- staff and training runs (store_staff.c) */
	[Q_CLERK_ID] = "SELECT id FROM clerk WHERE name = ?1",
	[Q_CLERK_ADD] =
	    "INSERT INTO clerk(name, role)"
	    " VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
	[Q_CLERK_GET] =
	    "SELECT id, name, role, pin_hash, failed,"
	    " coalesce(locked_until, 0) FROM clerk WHERE name = ?1",
	[Q_CLERKS] =
	    "SELECT id, name, role, pin_hash, failed,"
	    " coalesce(locked_until, 0) FROM clerk ORDER BY name",
	[Q_CLERK_PUT] =
	    "INSERT INTO clerk(name, role, pin_hash)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET role = ?2,"
	    " pin_hash = coalesce(?3, pin_hash), failed = 0,"
	    " locked_until = NULL",
	[Q_CLERK_TRY] =
	    "UPDATE clerk SET"
	    " failed = CASE WHEN failed + 1 >= ?3 THEN 0 ELSE failed + 1 END,"
	    " locked_until = CASE WHEN failed + 1 >= ?3 THEN ?2 + ?4"
	    " ELSE locked_until END"
	    " WHERE id = ?1 AND coalesce(locked_until, 0) <= ?2"
	    " RETURNING failed, coalesce(locked_until, 0)",
	[Q_CLERK_LOCK] =
	    "SELECT coalesce(locked_until, 0)"
	    " FROM clerk WHERE id = ?1",
	[Q_CLERK_SIGNED_IN] =
	    "UPDATE clerk SET failed = 0,"
	    " locked_until = CASE WHEN coalesce(locked_until, 0) <= ?2"
	    " OR locked_until = ?3 THEN NULL ELSE locked_until END"
	    " WHERE id = ?1",
	[Q_CLERKS_PIN] =
	    "SELECT count(*) FROM clerk"
	    " WHERE pin_hash IS NOT NULL",
	[Q_TRAINING_ADD] =
	    "INSERT INTO training_run(scenario,"
	    " trainee, at, passed, checks, percent) VALUES (?1, ?2, ?3, ?4,"
	    " ?5, ?6)",
	[Q_TRAINING] =
	    "SELECT scenario, count(*),"
	    " max(percent), (SELECT percent FROM training_run l"
	    "  WHERE l.trainee = r.trainee AND l.scenario = r.scenario"
	    "  ORDER BY at DESC, id DESC LIMIT 1), max(at)"
	    " FROM training_run r WHERE trainee = ?1 GROUP BY scenario"
	    " ORDER BY scenario",
	[Q_ROLE_AUDITED] =
	    "SELECT subject FROM audit WHERE"
	    " action IN ('staff-add', 'role-change', 'pin-change')"
	    " AND substr(subject, 1, length(?1) + 2) = ?1 || ': '"
	    " ORDER BY id DESC LIMIT 1",
	/* ---- keyed hashes, the audit chain, export and erasure (store_privacy.c) */
	[Q_CHAIN_KEY_SET] =
	    "INSERT OR REPLACE INTO meta(key, value)"
	    " VALUES ('chain_code_key', ?1)",
	[Q_REKEY_LIST] =
	    "SELECT id, code, email, phone FROM"
	    " customer c WHERE code LIKE 'P-%' AND erased = 0 AND NOT EXISTS"
	    " (SELECT 1 FROM chain_link l WHERE l.tbl = 'customer' AND"
	    " l.id = c.id) ORDER BY id",
	[Q_REKEY_SET] =
	    "UPDATE OR IGNORE customer SET code = ?2"
	    " WHERE id = ?1",
	[Q_SUPPRESSED] =
	    "SELECT 1 FROM suppressed WHERE hash ="
	    " ?1",
	[Q_AUDIT_LAST] =
	    "SELECT id, coalesce(hash, '') FROM"
	    " audit ORDER BY id DESC LIMIT 1",
	[Q_AUDIT_ADD] =
	    "INSERT INTO audit(id, at, clerk_id,"
	    " action, subject, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[Q_AUDIT_HEAD] =
	    "INSERT OR REPLACE INTO meta(key, value)"
	    " VALUES ('audit_head', ?1)",
	[Q_ERASE_CODE] =
	    "SELECT code FROM customer WHERE id = ?1"
	    " AND erased = 0",
	[Q_SUPPRESS] =
	    "INSERT OR IGNORE INTO"
	    " suppressed(hash, at) VALUES (?1, ?2)",
	[Q_ERASE] =
	    "UPDATE customer SET code = 'erased-'"
	    " || id, name = '', phone = NULL, phone_rev = NULL, email = NULL,"
	    " loyalty = NULL, lang = NULL, segment = NULL, country = NULL,"
	    " consent = 0, erased = 1 WHERE id = ?1 AND erased = 0",
	[Q_ERASE_COUNTRY] =
	    "UPDATE orders SET country = NULL WHERE customer_id = ?1",
	/* store_customer_export(): a table each, ?1 the customer */
	[Q_EXPORT_CUSTOMER] =
	    "SELECT code, name, phone, email, loyalty, lang, segment,"
	    " country, consent FROM customer WHERE id = ?1",
	[Q_EXPORT_LINES] =
	    "SELECT o.code AS order_code,"
	    " datetime(o.at, 'unixepoch') AS at,"
	    " CASE o.kind WHEN 1 THEN 'return' ELSE 'sale' END AS kind,"
	    " i.sku, coalesce(l.descr, i.name) AS item, l.qty,"
	    " l.unit_price AS unit_price_minor FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id"
	    " JOIN item i ON i.id = l.item_id WHERE o.customer_id = ?1"
	    " ORDER BY o.at, o.id, l.line",
	[Q_EXPORT_OFFERS] =
	    "SELECT datetime(f.at, 'unixepoch') AS at, f.counter,"
	    " f.kind, i.sku, t.code AS room_type,"
	    " f.price_diff AS price_diff_minor,"
	    " CASE f.outcome WHEN 1 THEN 'accepted' WHEN 2 THEN 'declined'"
	    " ELSE 'shown' END AS outcome, f.reason, f.variant FROM offer f"
	    " LEFT JOIN item i ON i.id = f.item_id"
	    " LEFT JOIN room_type t ON t.id = f.room_type_id"
	    " WHERE f.customer_id = ?1 ORDER BY f.at, f.id",
	[Q_EXPORT_RESERVATIONS] =
	    "SELECT h.name AS hotel, r.code AS confirmation,"
	    " date(r.arrival * 86400, 'unixepoch') AS arrival, r.nights,"
	    " t.code AS room_type, r.rate AS rate_minor, r.adults, r.children,"
	    " r.status FROM reservation r JOIN hotel h ON h.id = r.hotel_id"
	    " JOIN room_type t ON t.id = r.room_type_id WHERE r.guest_id = ?1"
	    " ORDER BY r.arrival, r.id",
	[Q_EXPORT_ADDONS] =
	    "SELECT r.code AS confirmation, a.code AS addon,"
	    " date(s.day * 86400, 'unixepoch') AS day, s.days, s.units,"
	    " s.total AS total_minor FROM addon_sale s"
	    " JOIN reservation r ON r.id = s.reservation_id"
	    " JOIN addon a ON a.id = s.addon_id WHERE r.guest_id = ?1"
	    " ORDER BY s.day, s.id",
	/* ---- reports and uplift check (store_report.c) */
	[Q_BASKET_AVG] =
	    "SELECT o.offer_taken, count(DISTINCT"
	    " o.id), coalesce(sum(l.qty * l.unit_price), 0) FROM orders o"
	    " JOIN order_line l ON l.order_id = o.id WHERE o.source ="
	    " 'counter' AND o.kind = 0 AND o.at >= ?1 AND o.at < ?2"
	    " GROUP BY o.offer_taken",
	[Q_VARIANTS] =
	    "SELECT variant, sum(outcome = 0), sum(outcome = 1),"
	    " sum(outcome = 2) FROM offer"
	    " WHERE training = 0 AND variant IS NOT NULL AND variant <> ''"
	    " AND at >= ?1 AND at < ?2 GROUP BY variant ORDER BY variant",
	[Q_AUDIT_ALL] =
	    "SELECT id, at, clerk_id, action,"
	    " subject, detail, prev, hash FROM audit ORDER BY id",
	[Q_CLERK_ROLES] =
	    "SELECT name, role FROM clerk ORDER BY"
	    " name",
	[Q_AUDIT_ROLE] =
	    "SELECT id, subject FROM audit WHERE"
	    " action IN ('staff-add', 'role-change', 'pin-change')"
	    " AND substr(subject, 1, length(?1) + 2) = ?1 || ': '"
	    " ORDER BY id DESC LIMIT 1",
	[Q_INTEGRITY] = "PRAGMA integrity_check",
	/* store_stats() */
	[Q_N_CUSTOMERS] = "SELECT count(*) FROM customer",
	[Q_N_ITEMS] = "SELECT count(*) FROM item",
	[Q_N_ORDERS] = "SELECT count(*) FROM orders",
	[Q_N_LINES] = "SELECT count(*) FROM order_line",
	[Q_N_HOTELS] = "SELECT count(*) FROM hotel",
	[Q_N_ROOM_TYPES] = "SELECT count(*) FROM room_type",
	[Q_N_ROOMS] = "SELECT count(*) FROM room",
	[Q_N_RESERVATIONS] = "SELECT count(*) FROM reservation",
	[Q_N_OFFERS] = "SELECT count(*) FROM offer WHERE training = 0",
	[Q_SCHEMA_LIST] =
	    "SELECT type, name, coalesce(sql, '') FROM"
	    " sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
	[Q_SCHEMA_FIND] =
	    "SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1",
};
