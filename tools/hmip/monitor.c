// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the monitor object, the module's events as they happen.
 *
 *	hmip [ -t | -ts ] monitor [ -t | -ts ] [ OBJECT... ] [ count N ]
 *	OBJECT := { binding | map | ha | ar | mn | config }
 *
 * One line per event, written out at once: the event's name and its
 * attributes ("config-changed err-ratelimit-ms 100 err-ratelimit-burst 10",
 * "binding-created RCOA lcoa LCOA map MAP seq N lifetime N",
 * "mn-registered dev IFACE lcoa LCOA map MAP rcoa RCOA status N"),
 * or with -j a JSON object ({"event":"config-changed",...}). An event this
 * tool does not know prints as "event-N", N its type. A new event is one
 * line of monitor_events.
 *
 * OBJECTs choose the events: those whose name starts with the object's
 * ("map-added", "binding-expired"); "config" the changes of configuration
 * (config-changed and every object's -added, -changed, -deleted). None:
 * all. -t prints "Timestamp: ..." on a line before each event, -ts
 * "[YYYY-MM-DDTHH:MM:SS.UUUUUU] " at the start of its line, as ip(8)
 * monitor does; with -j either adds "timestamp" to the object.
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/hmip.h>

#include "ar.h"
#include "binding.h"
#include "cli.h"
#include "config.h"
#include "ha.h"
#include "json.h"
#include "map.h"
#include "mn.h"
#include "nl.h"

/* What "hmip monitor OBJECT..." chooses, in the order of monitor_main()'s
 * words; an event is in one or two.
 */
enum {
	MON_BINDING = 1 << 0,
	MON_MAP = 1 << 1,
	MON_HA = 1 << 2,
	MON_AR = 1 << 3,
	MON_MN = 1 << 4,
	MON_CONFIG = 1 << 5,
};

/**
 * struct monitor_event - how to print an event
 * @type: its HMIP_A_EVENT_TYPE, HMIP_EVENT_*
 * @name: its name
 * @print: prints its attributes after the name, into @jw's open object or
 *	for @jw NULL as " name value" text; returns 0, or -1 after printing
 *	that the event is malformed; NULL if it has none
 * @objects: the OBJECTs of "hmip monitor OBJECT..." that choose it, MON_*
 */
struct monitor_event {
	uint32_t type;
	const char *name;
	int (*print)(struct json_writer *jw, const struct nlattr **tb);
	unsigned int objects;
};

static int monitor_config_changed(struct json_writer *jw,
				  const struct nlattr **tb)
{
	if (!tb[HMIP_A_CONFIG])
		return 0;
	return config_print(jw, tb[HMIP_A_CONFIG], true);
}

static int monitor_binding(struct json_writer *jw, const struct nlattr **tb)
{
	if (!tb[HMIP_A_BINDING])
		return 0;
	return binding_print(jw, tb[HMIP_A_BINDING], true);
}

static int monitor_ar(struct json_writer *jw, const struct nlattr **tb)
{
	if (!tb[HMIP_A_AR])
		return 0;
	return ar_print(jw, tb[HMIP_A_AR], true);
}

static int monitor_mn(struct json_writer *jw, const struct nlattr **tb)
{
	if (!tb[HMIP_A_MN])
		return 0;
	return mn_print(jw, tb[HMIP_A_MN], true);
}

static int monitor_map(struct json_writer *jw, const struct nlattr **tb)
{
	if (!tb[HMIP_A_MAP])
		return 0;
	return map_print(jw, tb[HMIP_A_MAP], true);
}

static int monitor_ha(struct json_writer *jw, const struct nlattr **tb)
{
	if (!tb[HMIP_A_HA])
		return 0;
	return ha_print(jw, tb[HMIP_A_HA], true);
}

static const struct monitor_event monitor_events[] = {
	{ HMIP_EVENT_CONFIG_CHANGED, "config-changed", monitor_config_changed,
	  MON_CONFIG },
	{ HMIP_EVENT_BINDING_CREATED, "binding-created", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_REFRESHED, "binding-refreshed", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_LCOA_CHANGED, "binding-lcoa-changed",
	  monitor_binding, MON_BINDING },
	{ HMIP_EVENT_BINDING_DELETED, "binding-deleted", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_EXPIRED, "binding-expired", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_FAST, "binding-fast", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_HI_REFUSED, "binding-hi-refused", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_BINDING_HI_TIMEOUT, "binding-hi-timeout", monitor_binding,
	  MON_BINDING },
	{ HMIP_EVENT_AR_MAP_FAILED, "ar-map-failed", monitor_ar, MON_AR },
	{ HMIP_EVENT_AR_MAP_RECOVERED, "ar-map-recovered", monitor_ar, MON_AR },
	{ HMIP_EVENT_MN_MOVED, "mn-moved", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_MAP_CHANGED, "mn-map-changed", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_MAP_LOST, "mn-map-lost", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_REGISTERED, "mn-registered", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_REJECTED, "mn-rejected", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_ROUTER_LOST, "mn-router-lost", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_PREPARED, "mn-prepared", monitor_mn, MON_MN },
	{ HMIP_EVENT_MN_FBACK, "mn-fback", monitor_mn, MON_MN },
	{ HMIP_EVENT_HA_PREFIX_ADV, "ha-prefix-adv", monitor_binding,
	  MON_BINDING | MON_HA },
	{ HMIP_EVENT_MAP_ADDED, "map-added", monitor_map, MON_MAP | MON_CONFIG },
	{ HMIP_EVENT_MAP_CHANGED, "map-changed", monitor_map,
	  MON_MAP | MON_CONFIG },
	{ HMIP_EVENT_MAP_DELETED, "map-deleted", monitor_map,
	  MON_MAP | MON_CONFIG },
	{ HMIP_EVENT_AR_ADDED, "ar-added", monitor_ar, MON_AR | MON_CONFIG },
	{ HMIP_EVENT_AR_CHANGED, "ar-changed", monitor_ar, MON_AR | MON_CONFIG },
	{ HMIP_EVENT_AR_DELETED, "ar-deleted", monitor_ar, MON_AR | MON_CONFIG },
	{ HMIP_EVENT_MN_ADDED, "mn-added", monitor_mn, MON_MN | MON_CONFIG },
	{ HMIP_EVENT_MN_CHANGED, "mn-changed", monitor_mn, MON_MN | MON_CONFIG },
	{ HMIP_EVENT_MN_DELETED, "mn-deleted", monitor_mn, MON_MN | MON_CONFIG },
	{ HMIP_EVENT_HA_ADDED, "ha-added", monitor_ha, MON_HA | MON_CONFIG },
	{ HMIP_EVENT_HA_CHANGED, "ha-changed", monitor_ha, MON_HA | MON_CONFIG },
	{ HMIP_EVENT_HA_DELETED, "ha-deleted", monitor_ha, MON_HA | MON_CONFIG },
	{ HMIP_EVENT_AR_REMOVED, "ar-removed", monitor_ar, MON_AR | MON_CONFIG },
	{ HMIP_EVENT_MN_REMOVED, "mn-removed", monitor_mn, MON_MN | MON_CONFIG },
	{ HMIP_EVENT_MN_HOME_REGISTERED, "mn-home-registered", monitor_mn,
	  MON_MN },
	{ HMIP_EVENT_MN_HOME_REJECTED, "mn-home-rejected", monitor_mn, MON_MN },
	{ HMIP_EVENT_AR_HI, "ar-hi", monitor_ar, MON_AR },
};

/**
 * struct monitor - what "hmip monitor" was asked for
 * @count: events still to print before exiting, if @limited
 * @limited: "count N" was given
 * @objects: the events to print, MON_*; 0 for all
 */
struct monitor {
	uint32_t count;
	bool limited;
	unsigned int objects;
};

/*
 * The time an event was heard, as ip(8) prints it: -t "Timestamp: Sat Dec
 * 5 06:40:00 2026 123456 usec" on a line of its own, -ts
 * "[2026-12-05T06:40:00.123456] " before the event. In JSON, "timestamp"
 * in RFC 3339 form with the local time's offset.
 */
static void monitor_timestamp(struct json_writer *jw)
{
	char date[64], json[96], zone[8];
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	if (jw) {
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		/* "+0100" to "+01:00" */
		strftime(zone, sizeof(zone), "%z", &tm);
		snprintf(json, sizeof(json), "%s.%06ld%.3s:%.2s", date,
			 (long)tv.tv_usec, zone, zone + 3);
		json_print_string(jw, "timestamp", json);
	} else if (hmip_opts.timestamp == 2) {
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		printf("[%s.%06ld] ", date, (long)tv.tv_usec);
	} else {
		strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Y", &tm);
		printf("Timestamp: %s %ld usec\n", date, (long)tv.tv_usec);
	}
}

static const struct monitor_event *monitor_find(uint32_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(monitor_events); i++)
		if (monitor_events[i].type == type)
			return &monitor_events[i];
	return NULL;
}

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MAX + 1] = {
		[HMIP_A_CONFIG] = MNL_TYPE_NESTED,
		[HMIP_A_EVENT_TYPE] = MNL_TYPE_U32,
		[HMIP_A_BINDING] = MNL_TYPE_NESTED,
		[HMIP_A_AR] = MNL_TYPE_NESTED,
		[HMIP_A_MN] = MNL_TYPE_NESTED,
		[HMIP_A_MAP] = MNL_TYPE_NESTED,
		[HMIP_A_HA] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[HMIP_A_MAX + 1] = {};
	const struct monitor_event *event;
	struct monitor *mon = data;
	struct json_writer jw;
	char unknown[32];
	const char *name;
	uint32_t type;
	int ret = 0;

	if (nl_parse(nlh, tb, HMIP_A_MAX, policy))
		return MNL_CB_ERROR;
	if (!tb[HMIP_A_EVENT_TYPE]) {
		cli_err("malformed event from the kernel (no type)");
		return MNL_CB_ERROR;
	}
	type = mnl_attr_get_u32(tb[HMIP_A_EVENT_TYPE]);
	event = monitor_find(type);
	if (event) {
		name = event->name;
	} else {
		snprintf(unknown, sizeof(unknown), "event-%u", type);
		name = unknown;
	}
	/* one this tool does not know is in no OBJECT: printed with all */
	if (mon->objects && (!event || !(event->objects & mon->objects)))
		return MNL_CB_OK;

	if (hmip_opts.json) {
		json_init(&jw, stdout, hmip_opts.pretty);
		json_open_object(&jw, NULL);
		json_print_string(&jw, "event", name);
		if (hmip_opts.timestamp)
			monitor_timestamp(&jw);
		if (event && event->print)
			ret = event->print(&jw, tb);
		json_close_object(&jw);
	} else {
		if (hmip_opts.timestamp)
			monitor_timestamp(NULL);
		fputs(name, stdout);
		if (event && event->print)
			ret = event->print(NULL, tb);
		putchar('\n');
	}
	if (fflush(stdout)) {
		cli_err("cannot write: %s", strerror(errno));
		return MNL_CB_ERROR;
	}
	if (ret)
		return MNL_CB_ERROR;
	if (mon->limited && !--mon->count)
		return MNL_CB_STOP;
	return MNL_CB_OK;
}

/* Events are printed and flushed one by one: nothing is left to write. */
static void monitor_quit(int sig)
{
	(void)sig;
	_exit(0);
}

static int monitor_help(void)
{
	printf("Usage: hmip monitor [ -t | -ts ] [ OBJECT... ] [ count N ]\n");
	printf("       hmip monitor help\n");
	printf("where  OBJECT := { binding | map | ha | ar | mn | config }\n");
	printf("An OBJECT prints the events named after it; \"config\" the changes of\n");
	printf("configuration. None: every event. -t and -ts stamp each event as\n");
	printf("\"ip -t monitor\" and \"ip -ts monitor\" do.\n");
	return 0;
}

int monitor_main(int argc, const char *argv[])
{
	/* after "count" and "help", the OBJECTs in the order of MON_* */
	static const struct {
		const char *name;
	} words[] = {
		{ "count" }, { "help" }, { "binding" }, { "map" }, { "ha" },
		{ "ar" }, { "mn" }, { "config" },
	};
	struct monitor mon = {};
	struct nl_ctx *nl;
	int i, k, ret;

	cli_set_context("monitor", NULL);
	for (i = 0; i < argc; i++) {
		/* as ip(8)'s options, also after the object */
		if (!strcmp(argv[i], "-t") || !strcmp(argv[i], "-timestamp")) {
			hmip_opts.timestamp = 1;
			continue;
		}
		if (!strcmp(argv[i], "-ts") || !strcmp(argv[i], "-tshort")) {
			hmip_opts.timestamp = 2;
			continue;
		}
		k = cli_lookup("argument", argv[i], words);
		if (k >= 2) {
			mon.objects |= 1U << (k - 2);
			continue;
		}
		switch (k) {
		case 0:
			if (mon.limited)
				return cli_usage_err("\"count\" is given twice");
			if (++i >= argc)
				return cli_usage_err("\"count\" needs a value");
			ret = cli_parse_u32("count", argv[i], 1, UINT32_MAX,
					    &mon.count);
			if (ret)
				return ret;
			mon.limited = true;
			break;
		case 1:
			return monitor_help();
		default:
			return HMIP_EXIT_USAGE;
		}
	}

	signal(SIGINT, monitor_quit);
	signal(SIGTERM, monitor_quit);
	ret = nl_open(&nl);
	if (ret)
		return ret;
	ret = nl_listen(nl, HMIP_CMD_EVENT, monitor_cb, &mon);
	nl_close(nl);
	return ret;
}
