// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the ha object, the home agents this node serves as (RFC 6275
 * section 10).
 *
 *	hmip ha add ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip ha change ADDRESS [ dev IFACE ] [ OPTIONS ]
 *	hmip ha replace ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip ha del ADDRESS
 *	hmip ha [ show [ ADDRESS ] ]
 *
 * As with "map", the tool checks every value against the range the help
 * gives (the kernel's policy) before any request; what only the kernel
 * knows its extended ACK says. A home agent prints as one line in the form
 * of the arguments of "ha add", or with -j as one object of a JSON array;
 * "hmip save" prints it as "ha replace" without what cannot be set (its
 * bindings, its Home Agents List). Its bindings are under "hmip binding".
 */

#include <errno.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "cli.h"
#include "iface.h"
#include "ha.h"
#include "json.h"
#include "nl.h"
#include "show.h"

/* what the parsers return after printing the help asked for */
#define HA_HELP		(-1)

enum {
	HA_KW_DEV,
	HA_KW_PREFIX,
	HA_KW_REQUIRE_IPSEC,
	HA_KW_MAX_LIFETIME,
	HA_KW_MAX_BINDINGS,
	HA_KW_PREF,
	HA_KW_TUNNEL,
	HA_KW_HELP,
};

/* The keywords of "ha add" and "ha change", their HMIP_A_HA_* attribute */
static const struct {
	const char *name;
	uint16_t attr;
} ha_keywords[] = {
	[HA_KW_DEV] = { "dev", HMIP_A_HA_IFINDEX },
	[HA_KW_PREFIX] = { "prefix", HMIP_A_HA_PREFIXES },
	[HA_KW_REQUIRE_IPSEC] = { "require-ipsec", HMIP_A_HA_REQUIRE_IPSEC },
	[HA_KW_MAX_LIFETIME] = { "max-lifetime", HMIP_A_HA_MAX_LIFETIME },
	[HA_KW_MAX_BINDINGS] = { "max-bindings", HMIP_A_HA_MAX_BINDINGS },
	[HA_KW_PREF] = { "pref", HMIP_A_HA_PREF },
	[HA_KW_TUNNEL] = { "tunnel", HMIP_A_HA_TUNNEL_NAME },
	[HA_KW_HELP] = { "help", 0 },
};

/**
 * struct ha_args - the arguments of an ha command
 * @addr: the home agent's address
 * @given: which keywords were given, by HA_KW_*
 * @values: the numbers of the keywords that take one (the interface index
 *	for "dev", 0 or 1 for "require-ipsec")
 * @prefixes: the home prefixes
 * @tunnel: the name of the tunnel device
 */
struct ha_args {
	struct in6_addr addr;
	bool given[HA_KW_HELP];
	uint32_t values[HA_KW_HELP];
	struct addr_prefix_list prefixes;
	char tunnel[IFNAMSIZ];
};

static int ha_help(int argc, const char *argv[]);

/* ADDRESS, first of every command: 0, HA_HELP or HMIP_EXIT_USAGE. */
static int ha_parse_addr(int argc, const char *argv[], struct in6_addr *addr)
{
	if (argc < 1)
		return cli_usage_err("missing ADDRESS");
	if (!strcmp(argv[0], "help")) {
		ha_help(0, NULL);
		return HA_HELP;
	}
	return addr_parse(argv[0], addr);
}

/* One keyword and its value into @args. */
static int ha_parse_kw(int k, const char *val, bool add, struct ha_args *args)
{
	const char *name = ha_keywords[k].name;

	if (k == HA_KW_PREFIX)
		return addr_prefix_list_parse(&args->prefixes, name, val);
	if (args->given[k])
		return cli_usage_err("\"%s\" is given twice", name);
	switch (k) {
	case HA_KW_DEV:
		return iface_parse(name, val, &args->values[k]);
	case HA_KW_REQUIRE_IPSEC:
		return cli_parse_on_off(name, val, &args->values[k]);
	case HA_KW_TUNNEL:
		if (!add)
			return cli_usage_err("\"%s\" is only for \"ha add\"",
					     name);
		return iface_parse_name(name, val, args->tunnel);
	case HA_KW_PREF:
		return cli_parse_u32(name, val, 0, UINT8_MAX, &args->values[k]);
	/* the ranges of the kernel's policy (net/ha/nl.c) */
	case HA_KW_MAX_LIFETIME:
		return cli_parse_u32(name, val, 4, 262140, &args->values[k]);
	default:
		return cli_parse_u32(name, val, 1, 16777216, &args->values[k]);
	}
}

/* "ha add" (@add) or "ha change": 0, HA_HELP or HMIP_EXIT_USAGE. */
static int ha_parse(int argc, const char *argv[], bool add,
		    struct ha_args *args)
{
	int i, k, ret;

	memset(args, 0, sizeof(*args));
	ret = ha_parse_addr(argc, argv, &args->addr);
	if (ret)
		return ret;
	for (i = 1; i < argc; i += 2) {
		k = cli_lookup("argument", argv[i], ha_keywords);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == HA_KW_HELP) {
			ha_help(0, NULL);
			return HA_HELP;
		}
		if (i + 1 >= argc)
			return cli_usage_err("\"%s\" needs a value",
					     ha_keywords[k].name);
		ret = ha_parse_kw(k, argv[i + 1], add, args);
		if (ret)
			return ret;
		args->given[k] = true;
	}
	return 0;
}

/* HMIP_A_HA with the address and the keywords given. */
static void ha_put(struct nlmsghdr *nlh, const struct ha_args *args)
{
	struct nlattr *nest;
	uint16_t attr;
	size_t k;

	nest = mnl_attr_nest_start(nlh, HMIP_A_HA);
	mnl_attr_put(nlh, HMIP_A_HA_ADDR, sizeof(args->addr), &args->addr);
	for (k = 0; k < ARRAY_SIZE(args->given); k++) {
		if (!args->given[k])
			continue;
		attr = ha_keywords[k].attr;
		if (k == HA_KW_PREFIX)
			addr_prefix_list_put(nlh, attr, &args->prefixes);
		else if (k == HA_KW_TUNNEL)
			mnl_attr_put_strz(nlh, attr, args->tunnel);
		else if (k == HA_KW_PREF || k == HA_KW_REQUIRE_IPSEC)
			mnl_attr_put_u8(nlh, attr, args->values[k]);
		else
			mnl_attr_put_u32(nlh, attr, args->values[k]);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* Names the attributes of an ha request for error messages. */
static const char *ha_attr_name(const uint16_t *path, unsigned int depth)
{
	size_t i;

	if (depth < 2 || path[0] != HMIP_A_HA)
		return NULL;
	if (path[1] == HMIP_A_HA_ADDR && depth == 2)
		return "address";
	for (i = 0; i < ARRAY_SIZE(ha_keywords); i++)
		if (ha_keywords[i].attr == path[1])
			return ha_keywords[i].name;
	return NULL;
}

/* ha_request()'s command for "ha replace", which adds or changes */
#define HA_REPLACE	HMIP_CMD_UNSPEC

/*
 * Send a request with HMIP_A_HA, print the kernel's refusal. HA_REPLACE
 * asks for the home agent first: "ha add" if the namespace has none of
 * this address, else "ha change" with the same settings (but the tunnel's
 * name, which only a new home agent takes), so that a script can run it
 * again and again.
 */
static int ha_request(uint8_t cmd, struct ha_args *args)
{
	struct ha_args get = { .addr = args->addr };
	struct nl_ctx *nl;
	int ret;

	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (cmd == HA_REPLACE) {
		ha_put(nl_request(nl, HMIP_CMD_HA_GET, 0), &get);
		ret = nl_try(nl, ENOENT, ha_attr_name);
		if (ret == -ENOENT) {
			cmd = HMIP_CMD_HA_ADD;
			ret = 0;
		} else {
			cmd = HMIP_CMD_HA_SET;
			args->given[HA_KW_TUNNEL] = false;
		}
	}
	if (!ret) {
		ha_put(nl_request(nl, cmd, 0), args);
		ret = nl_talk(nl, NULL, NULL, ha_attr_name);
	}
	nl_close(nl);
	return ret;
}

/* "ha add" and "ha replace" */
static int ha_add_cmd(uint8_t cmd, int argc, const char *argv[])
{
	struct ha_args args;
	int ret;

	ret = ha_parse(argc, argv, true, &args);
	if (ret)
		return ret == HA_HELP ? 0 : ret;
	if (!args.given[HA_KW_DEV])
		return cli_usage_err("missing \"dev IFACE\"");
	return ha_request(cmd, &args);
}

static int ha_add(int argc, const char *argv[])
{
	return ha_add_cmd(HMIP_CMD_HA_ADD, argc, argv);
}

static int ha_replace(int argc, const char *argv[])
{
	return ha_add_cmd(HA_REPLACE, argc, argv);
}

static int ha_change(int argc, const char *argv[])
{
	struct ha_args args;
	int ret;

	ret = ha_parse(argc, argv, false, &args);
	if (ret)
		return ret == HA_HELP ? 0 : ret;
	if (argc < 2)
		return cli_usage_err("nothing to change");
	return ha_request(HMIP_CMD_HA_SET, &args);
}

static int ha_del(int argc, const char *argv[])
{
	struct ha_args args = {};
	int ret;

	ret = ha_parse_addr(argc, argv, &args.addr);
	if (ret)
		return ret == HA_HELP ? 0 : ret;
	ret = cli_no_more_args(argc - 1, argv + 1);
	return ret ?: ha_request(HMIP_CMD_HA_DEL, &args);
}

/* The kernel keeps 16 home prefixes; room for more. */
#define HA_SHOW_PREFIXES	ADDR_PREFIXES_MAX

/* One number of a home agent, " name N" or "json": N. */
static void ha_print_num(struct json_writer *jw, const char *name,
			 const char *json, uint64_t val)
{
	if (jw)
		json_print_u64(jw, json, val);
	else
		printf(" %s %llu", name, (unsigned long long)val);
}

/* One entry of the Home Agents List: 0, or -1 after saying it is bad. */
static int ha_print_list_entry(struct json_writer *jw,
			       const struct nlattr *nest)
{
	static const enum mnl_attr_data_type policy[HMIP_A_HAL_MAX + 1] = {
		[HMIP_A_HAL_PREF] = MNL_TYPE_U16,
		[HMIP_A_HAL_LIFETIME] = MNL_TYPE_U32,
		[HMIP_A_HAL_OWN] = MNL_TYPE_FLAG,
	};
	const struct nlattr *tb[HMIP_A_HAL_MAX + 1] = {};
	char addr[INET6_ADDRSTRLEN] = "-", router[INET6_ADDRSTRLEN];
	int16_t pref;

	if (nl_parse_nested(nest, tb, HMIP_A_HAL_MAX, policy))
		return -1;
	if (!tb[HMIP_A_HAL_PREF] ||
	    (!tb[HMIP_A_HAL_OWN] &&
	     (!tb[HMIP_A_HAL_ROUTER] || !tb[HMIP_A_HAL_LIFETIME]))) {
		cli_err("malformed answer from the kernel (a Home Agents List entry)");
		return -1;
	}
	if ((tb[HMIP_A_HAL_ADDR] && addr_attr_str(tb[HMIP_A_HAL_ADDR], addr)) ||
	    (tb[HMIP_A_HAL_ROUTER] &&
	     addr_attr_str(tb[HMIP_A_HAL_ROUTER], router)))
		return -1;
	/* RFC 6275 section 7.4: a signed 16-bit preference. */
	pref = (int16_t)mnl_attr_get_u16(tb[HMIP_A_HAL_PREF]);
	if (jw) {
		json_open_object(jw, NULL);
		if (tb[HMIP_A_HAL_ADDR])
			json_print_string(jw, "address", addr);
		else
			json_print_null(jw, "address");
		if (tb[HMIP_A_HAL_ROUTER])
			json_print_string(jw, "router", router);
		json_print_i64(jw, "pref", pref);
		if (tb[HMIP_A_HAL_LIFETIME])
			json_print_u64(jw, "lifetime",
				       mnl_attr_get_u32(tb[HMIP_A_HAL_LIFETIME]));
		json_print_bool(jw, "own", tb[HMIP_A_HAL_OWN]);
		json_close_object(jw);
		return 0;
	}
	printf("    home-agent %s", addr);
	if (tb[HMIP_A_HAL_ROUTER])
		printf(" router %s", router);
	printf(" pref %d", pref);
	if (tb[HMIP_A_HAL_LIFETIME])
		printf(" lifetime %u",
		       mnl_attr_get_u32(tb[HMIP_A_HAL_LIFETIME]));
	else
		printf(" self");
	putchar('\n');
	return 0;
}

/* The Home Agents List (RFC 6275 section 10.1), one line an entry or
 * "home_agents": [...].
 */
static int ha_print_list(struct json_writer *jw, const struct nlattr *list)
{
	const struct nlattr *attr;
	int ret = 0;

	if (jw)
		json_open_array(jw, "home_agents");
	if (list) {
		mnl_attr_for_each_nested(attr, list) {
			if (mnl_attr_get_type(attr) != HMIP_A_HAL_ENTRY)
				continue;
			ret = ha_print_list_entry(jw, attr);
			if (ret)
				break;
		}
	}
	if (jw)
		json_close_array(jw);
	return ret;
}

/**
 * ha_print() - print a home agent, one HMIP_A_HA nest
 * @jw: a JSON writer inside an array or an event object, or NULL for text
 * @nest: the nest
 * @event: print into the event's open object (JSON), or after the
 *	event's name on its line, without the Home Agents List (text)
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int ha_print(struct json_writer *jw, const struct nlattr *nest, bool event)
{
	static const enum mnl_attr_data_type policy[HMIP_A_HA_MAX + 1] = {
		[HMIP_A_HA_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_HA_PREF] = MNL_TYPE_U8,
		[HMIP_A_HA_MAX_LIFETIME] = MNL_TYPE_U32,
		[HMIP_A_HA_MAX_BINDINGS] = MNL_TYPE_U32,
		[HMIP_A_HA_PREFIXES] = MNL_TYPE_NESTED,
		[HMIP_A_HA_REQUIRE_IPSEC] = MNL_TYPE_U8,
		[HMIP_A_HA_BINDINGS] = MNL_TYPE_U32,
		[HMIP_A_HA_TUNNEL_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_HA_LIST] = MNL_TYPE_NESTED,
	};
	char prefixes[HA_SHOW_PREFIXES][ADDR_PREFIX_STRLEN];
	const struct nlattr *tb[HMIP_A_HA_MAX + 1] = {};
	char addr[INET6_ADDRSTRLEN];
	unsigned int n, i;
	bool ipsec;

	if (nl_parse_nested(nest, tb, HMIP_A_HA_MAX, policy))
		return -1;
	if (!tb[HMIP_A_HA_ADDR] || !tb[HMIP_A_HA_IFINDEX] ||
	    !tb[HMIP_A_HA_PREF] || !tb[HMIP_A_HA_MAX_LIFETIME] ||
	    !tb[HMIP_A_HA_MAX_BINDINGS] || !tb[HMIP_A_HA_REQUIRE_IPSEC] ||
	    !tb[HMIP_A_HA_BINDINGS] || !tb[HMIP_A_HA_TUNNEL_IFINDEX]) {
		cli_err("malformed answer from the kernel (a home agent without its settings)");
		return -1;
	}
	if (addr_attr_str(tb[HMIP_A_HA_ADDR], addr) ||
	    addr_prefix_list_get(tb[HMIP_A_HA_PREFIXES], prefixes, &n,
				 HA_SHOW_PREFIXES))
		return -1;
	ipsec = mnl_attr_get_u8(tb[HMIP_A_HA_REQUIRE_IPSEC]);

	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		json_print_string(jw, "address", addr);
	} else {
		printf("%s%s", hmip_opts.save ? "ha replace " : event ? " " : "",
		       addr);
	}
	iface_print(jw, tb[HMIP_A_HA_IFINDEX], "dev", "dev", "ifindex");
	if (jw) {
		json_open_array(jw, "prefixes");
		for (i = 0; i < n; i++)
			json_print_string(jw, NULL, prefixes[i]);
		json_close_array(jw);
		json_print_bool(jw, "require_ipsec", ipsec);
	} else {
		for (i = 0; i < n; i++)
			printf(" prefix %s", prefixes[i]);
		printf(" require-ipsec %s", ipsec ? "on" : "off");
	}
	ha_print_num(jw, "max-lifetime", "max_lifetime",
		     mnl_attr_get_u32(tb[HMIP_A_HA_MAX_LIFETIME]));
	ha_print_num(jw, "max-bindings", "max_bindings",
		     mnl_attr_get_u32(tb[HMIP_A_HA_MAX_BINDINGS]));
	ha_print_num(jw, "pref", "pref", mnl_attr_get_u8(tb[HMIP_A_HA_PREF]));
	iface_print(jw, tb[HMIP_A_HA_TUNNEL_IFINDEX], "tunnel", "tunnel",
		    "tunnel_ifindex");
	/* "hmip save" leaves out what the kernel reports read only */
	if (!jw && hmip_opts.save) {
		putchar('\n');
		return 0;
	}
	ha_print_num(jw, "bindings", "bindings",
		     mnl_attr_get_u32(tb[HMIP_A_HA_BINDINGS]));
	if (!jw && event)
		return 0;
	if (!jw)
		putchar('\n');
	if (ha_print_list(jw, tb[HMIP_A_HA_LIST]))
		return -1;
	if (jw && !event)
		json_close_object(jw);
	return 0;
}

static int ha_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = show_nest(nlh, HMIP_A_HA, "home agent");

	if (!nest || ha_print(show_next(data), nest, false))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* ha_put() for show_run() */
static void ha_put_key(struct nlmsghdr *nlh, const void *args)
{
	ha_put(nlh, args);
}

static int ha_show(int argc, const char *argv[])
{
	struct ha_args args = {};
	int ret;

	if (argc > 0) {
		ret = ha_parse_addr(argc, argv, &args.addr);
		if (ret)
			return ret == HA_HELP ? 0 : ret;
		ret = cli_no_more_args(argc - 1, argv + 1);
		if (ret)
			return ret;
	}
	return show_run(HMIP_CMD_HA_GET, argc > 0 ? ha_put_key : NULL, &args,
			ha_show_cb, ha_attr_name);
}

static int ha_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip ha add ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip ha change ADDRESS [ dev IFACE ] [ OPTIONS ]\n");
	printf("       hmip ha replace ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip ha del ADDRESS\n");
	printf("       hmip ha [ show [ ADDRESS ] ]\n");
	printf("       hmip ha help\n");
	printf("where  OPTIONS := [ prefix PREFIX/LEN ]... [ require-ipsec { on | off } ]\n");
	printf("                  [ max-lifetime 4-262140 ] [ max-bindings 1-16777216 ]\n");
	printf("                  [ pref 0-255 ]\n");
	printf("The prefixes given replace the home agent's home prefixes; without\n");
	printf("any, \"ha add\" takes the /64 of ADDRESS. A home address must lie in\n");
	printf("one. require-ipsec is on by default. tunnel names the home agent's\n");
	printf("tunnel device (default \"hmipha%%d\"), on \"ha add\" only (and \"ha\n");
	printf("replace\" when it adds the home agent). replace adds the home agent,\n");
	printf("or changes it to these settings if it exists.\n");
	return 0;
}

static const struct cli_cmd ha_cmds[] = {
	{ .name = "show", .fn = ha_show },
	{ .name = "add", .fn = ha_add },
	{ .name = "change", .fn = ha_change },
	{ .name = "replace", .fn = ha_replace },
	{ .name = "del", .fn = ha_del },
	{ .name = "help", .fn = ha_help },
};

int ha_main(int argc, const char *argv[])
{
	return cli_dispatch("ha", ha_cmds, ARRAY_SIZE(ha_cmds), argc, argv);
}
