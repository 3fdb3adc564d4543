// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the monitor object, the module's events as they happen.
 *
 *	hmip monitor [ count N ]
 *
 * One line per event, written out at once: the event's name and its
 * attributes ("config-changed err-ratelimit-ms 100 err-ratelimit-burst 10",
 * "binding-created RCOA lcoa LCOA map MAP seq N lifetime N",
 * "mn-registered dev IFACE lcoa LCOA map MAP rcoa RCOA status N"),
 * or with -j a JSON object ({"event":"config-changed",...}). An event this
 * tool does not know prints as "event-N", N its type. A new event is one
 * line of monitor_events.
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <linux/hmip.h>

#include "ar.h"
#include "binding.h"
#include "cli.h"
#include "config.h"
#include "json.h"
#include "mn.h"
#include "nl.h"

/**
 * struct monitor_event - how to print an event
 * @type: its HMIP_A_EVENT_TYPE, HMIP_EVENT_*
 * @name: its name
 * @print: prints its attributes after the name, into @jw's open object or
 *	for @jw NULL as " name value" text; returns 0, or -1 after printing
 *	that the event is malformed; NULL if it has none
 */
struct monitor_event {
	uint32_t type;
	const char *name;
	int (*print)(struct json_writer *jw, const struct nlattr **tb);
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

static const struct monitor_event monitor_events[] = {
	{ HMIP_EVENT_CONFIG_CHANGED, "config-changed", monitor_config_changed },
	{ HMIP_EVENT_BINDING_CREATED, "binding-created", monitor_binding },
	{ HMIP_EVENT_BINDING_REFRESHED, "binding-refreshed", monitor_binding },
	{ HMIP_EVENT_BINDING_LCOA_CHANGED, "binding-lcoa-changed",
	  monitor_binding },
	{ HMIP_EVENT_BINDING_DELETED, "binding-deleted", monitor_binding },
	{ HMIP_EVENT_BINDING_EXPIRED, "binding-expired", monitor_binding },
	{ HMIP_EVENT_AR_MAP_FAILED, "ar-map-failed", monitor_ar },
	{ HMIP_EVENT_AR_MAP_RECOVERED, "ar-map-recovered", monitor_ar },
	{ HMIP_EVENT_MN_MOVED, "mn-moved", monitor_mn },
	{ HMIP_EVENT_MN_MAP_CHANGED, "mn-map-changed", monitor_mn },
	{ HMIP_EVENT_MN_MAP_LOST, "mn-map-lost", monitor_mn },
	{ HMIP_EVENT_MN_REGISTERED, "mn-registered", monitor_mn },
	{ HMIP_EVENT_MN_REJECTED, "mn-rejected", monitor_mn },
	{ HMIP_EVENT_AR_REMOVED, "ar-removed", monitor_ar },
	{ HMIP_EVENT_MN_REMOVED, "mn-removed", monitor_mn },
	{ HMIP_EVENT_MN_HOME_REGISTERED, "mn-home-registered", monitor_mn },
	{ HMIP_EVENT_MN_HOME_REJECTED, "mn-home-rejected", monitor_mn },
};

/**
 * struct monitor - what "hmip monitor" was asked for
 * @count: events still to print before exiting, if @limited
 * @limited: "count N" was given
 */
struct monitor {
	uint32_t count;
	bool limited;
};

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

	if (hmip_opts.json) {
		json_init(&jw, stdout, hmip_opts.pretty);
		json_open_object(&jw, NULL);
		json_print_string(&jw, "event", name);
		if (event && event->print)
			ret = event->print(&jw, tb);
		json_close_object(&jw);
	} else {
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
	printf("Usage: hmip monitor [ count N ]\n");
	printf("       hmip monitor help\n");
	return 0;
}

int monitor_main(int argc, const char *argv[])
{
	static const struct {
		const char *name;
	} words[] = { { "count" }, { "help" } };
	struct monitor mon = {};
	struct nl_ctx *nl;
	int i, ret;

	cli_set_context("monitor", NULL);
	for (i = 0; i < argc; i++) {
		switch (cli_lookup("argument", argv[i], words)) {
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
