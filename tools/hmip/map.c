// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the map object, the Mobility Anchor Points this node serves as.
 *
 *	hmip map add ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip map change ADDRESS [ dev IFACE ] [ OPTIONS ]
 *	hmip map replace ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip map del ADDRESS
 *	hmip map [ show [ ADDRESS ] ]
 *
 * OPTIONS are the keywords of map_keywords but "tunnel", which names the
 * MAP's tunnel device once and for all when it is added. The tool checks
 * every value against the range the help gives (the kernel's policy)
 * before any request; what only the kernel knows (whether the address is
 * this node's) its extended ACK says. A MAP prints as one line in the form of the
 * arguments of "map add", or with -j as one object of a JSON array.
 */

#include <errno.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "cli.h"
#include "iface.h"
#include "json.h"
#include "map.h"
#include "nl.h"
#include "show.h"

/* what the parsers return after printing the help asked for */
#define MAP_HELP		(-1)

enum {
	MAP_KW_DEV,
	MAP_KW_PREF,
	MAP_KW_MAX_LIFETIME,
	MAP_KW_MAX_BINDINGS,
	MAP_KW_ONLINK_PREFIX,
	MAP_KW_FORWARD_PREFIX,
	MAP_KW_REQUIRE_IPSEC,
	MAP_KW_MODE,
	MAP_KW_ALTCOA,
	MAP_KW_TUNNEL,
	MAP_KW_RFC,
	MAP_KW_RCOA_POOL,
	MAP_KW_BICAST,
	MAP_KW_ACCESS_ROUTER,
	MAP_KW_HI_TIMEOUT,
	MAP_KW_HELP,
};

/**
 * struct map_keyword - a keyword of "map add" and "map change"
 * @name: the keyword
 * @attr: its attribute in HMIP_A_MAP, HMIP_A_MAP_*
 * @min: smallest value of a number, as the kernel's policy has it
 * @max: largest value of a number, likewise; 0 if the value is not a
 *	number
 */
struct map_keyword {
	const char *name;
	uint16_t attr;
	uint32_t min;
	uint32_t max;
};

/* The ranges of the kernel's policy (net/map/nl.c), which the help gives */
static const struct map_keyword map_keywords[] = {
	[MAP_KW_DEV] = { "dev", HMIP_A_MAP_IFINDEX, 0, 0 },
	[MAP_KW_PREF] = { "pref", HMIP_A_MAP_PREF, 0, 15 },
	[MAP_KW_MAX_LIFETIME] = { "max-lifetime", HMIP_A_MAP_MAX_LIFETIME,
				  4, 262140 },
	[MAP_KW_MAX_BINDINGS] = { "max-bindings", HMIP_A_MAP_MAX_BINDINGS,
				  1, 16777216 },
	[MAP_KW_ONLINK_PREFIX] = { "onlink-prefix", HMIP_A_MAP_ONLINK_PREFIXES,
				   0, 0 },
	[MAP_KW_FORWARD_PREFIX] = { "forward-prefix",
				    HMIP_A_MAP_FORWARD_PREFIXES, 0, 0 },
	[MAP_KW_REQUIRE_IPSEC] = { "require-ipsec", HMIP_A_MAP_REQUIRE_IPSEC,
				   0, 0 },
	[MAP_KW_MODE] = { "mode", HMIP_A_MAP_MODE, 0, 0 },
	[MAP_KW_ALTCOA] = { "altcoa", HMIP_A_MAP_REQUIRE_ALTCOA, 0, 0 },
	[MAP_KW_TUNNEL] = { "tunnel", HMIP_A_MAP_TUNNEL_NAME, 0, 0 },
	[MAP_KW_RFC] = { "rfc", HMIP_A_MAP_RFC, 4140, 5380 },
	[MAP_KW_RCOA_POOL] = { "rcoa-pool", HMIP_A_MAP_RCOA_POOLS, 0, 0 },
	[MAP_KW_BICAST] = { "bicast", HMIP_A_MAP_BICAST, 0, 10000 },
	[MAP_KW_ACCESS_ROUTER] = { "access-router", HMIP_A_MAP_ACCESS_ROUTERS,
				   0, 0 },
	[MAP_KW_HI_TIMEOUT] = { "hi-timeout", HMIP_A_MAP_HI_TIMEOUT,
				10, 10000 },
	[MAP_KW_HELP] = { "help", 0, 0, 0 },
};

/* The words of "mode", by HMIP_MAP_MODE_* */
static const char *const map_modes[] = {
	[HMIP_MAP_MODE_PROXY_ND] = "proxy-nd",
	[HMIP_MAP_MODE_ROUTED] = "routed",
};

/*
 * The words of "altcoa", by the value of HMIP_A_MAP_REQUIRE_ALTCOA: whether
 * an ESP-protected Binding Update must carry an Alternate Care-of Address
 */
static const char *const map_altcoa[] = {
	[0] = "optional",
	[1] = "require",
};

/* At most this many access routers on the command line; the kernel
 * takes 16 and says so.
 */
#define MAP_ARS_MAX		32

/**
 * struct map_ar - an access router of "access-router"
 * @addr: its address
 * @prefix: the prefix it serves
 * @buffer: "buffer on"
 */
struct map_ar {
	struct in6_addr addr;
	struct addr_prefix prefix;
	bool buffer;
};

/**
 * struct map_args - the arguments of "map add" or "map change"
 * @addr: the MAP's address
 * @given: which keywords were given, by MAP_KW_*
 * @values: the values of the keywords that take numbers (the interface
 *	index for "dev", 0 or 1 for "require-ipsec" and "altcoa",
 *	HMIP_MAP_MODE_* for "mode")
 * @lists: the prefix lists, by map_list_of()
 * @tunnel: the name of the tunnel device, for "tunnel"
 * @ars: the access routers, in the order given
 * @n_ars: how many ("access-router none": 0)
 */
struct map_args {
	struct in6_addr addr;
	bool given[MAP_KW_HELP];
	uint32_t values[MAP_KW_HELP];
	struct addr_prefix_list lists[3];
	char tunnel[IFNAMSIZ];
	struct map_ar ars[MAP_ARS_MAX];
	unsigned int n_ars;
};

/* The index in map_args.lists of prefix list keyword @k. */
static unsigned int map_list_of(int k)
{
	return k == MAP_KW_ONLINK_PREFIX ? 0 :
	       k == MAP_KW_FORWARD_PREFIX ? 1 : 2;
}

static int map_help(int argc, const char *argv[]);

/* Whether @word is one of map_keywords, in full or a prefix of one. */
static bool map_is_keyword(const char *word)
{
	size_t i, len = strlen(word);

	for (i = 0; len && i < ARRAY_SIZE(map_keywords); i++)
		if (!strncmp(word, map_keywords[i].name, len))
			return true;
	return false;
}

/*
 * The ADDRESS every command starts with: 0, MAP_HELP if it is "help"
 * (after printing the help), or HMIP_EXIT_USAGE after a usage error.
 */
static int map_parse_addr(int argc, const char *argv[], struct in6_addr *addr)
{
	if (argc < 1)
		return cli_usage_err("missing ADDRESS");
	if (!strcmp(argv[0], "help")) {
		map_help(0, NULL);
		return MAP_HELP;
	}
	if (map_is_keyword(argv[0]))
		return cli_usage_err("missing ADDRESS before \"%s\"", argv[0]);
	return addr_parse(argv[0], addr);
}

/*
 * "access-router ADDRESS serves PREFIX/LEN [ buffer { on | off } ]" or
 * "access-router none" at @argv[0]: 0 with *@used the words it took, or
 * HMIP_EXIT_USAGE after a usage error
 */
static int map_parse_ar(int argc, const char *argv[], struct map_args *args,
			int *used)
{
	struct map_ar *ar;
	uint32_t on = 0;

	if (argc < 2)
		return cli_usage_err("\"access-router\" needs a value");
	*used = 2;
	if (!strcmp(argv[1], "none")) {
		if (args->n_ars)
			return cli_usage_err("\"access-router none\" with access routers");
		return 0;
	}
	if (args->n_ars == MAP_ARS_MAX)
		return cli_usage_err("at most %d access routers", MAP_ARS_MAX);
	ar = &args->ars[args->n_ars];
	if (addr_parse(argv[1], &ar->addr))
		return HMIP_EXIT_USAGE;
	if (argc < 4 || strcmp(argv[2], "serves"))
		return cli_usage_err("\"access-router ADDRESS\" needs \"serves PREFIX/LEN\"");
	if (addr_parse_prefix(argv[3], &ar->prefix))
		return HMIP_EXIT_USAGE;
	if (!ar->prefix.len)
		return cli_usage_err("an access router's prefix is 1 to 128 bits long");
	args->n_ars++;
	*used = 4;
	if (argc < 5 || strcmp(argv[4], "buffer"))
		return 0;
	if (argc < 6)
		return cli_usage_err("\"buffer\" needs a value");
	if (cli_parse_on_off("buffer", argv[5], &on))
		return HMIP_EXIT_USAGE;
	ar->buffer = on;
	*used = 6;
	return 0;
}

/* HMIP_A_MAP_ACCESS_ROUTERS with @args' access routers */
static void map_put_ars(struct nlmsghdr *nlh, const struct map_args *args)
{
	struct nlattr *list, *entry;
	unsigned int i;

	list = mnl_attr_nest_start(nlh, HMIP_A_MAP_ACCESS_ROUTERS);
	for (i = 0; i < args->n_ars; i++) {
		entry = mnl_attr_nest_start(nlh, HMIP_A_MAP_AR);
		mnl_attr_put(nlh, HMIP_A_MAP_AR_ADDR, sizeof(args->ars[i].addr),
			     &args->ars[i].addr);
		mnl_attr_put(nlh, HMIP_A_MAP_AR_PREFIX,
			     sizeof(args->ars[i].prefix.addr),
			     &args->ars[i].prefix.addr);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_AR_PREFIX_LEN,
				args->ars[i].prefix.len);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_AR_BUFFER, args->ars[i].buffer);
		mnl_attr_nest_end(nlh, entry);
	}
	mnl_attr_nest_end(nlh, list);
}

/*
 * The arguments of "map add" (@add) or "map change": 0, MAP_HELP after
 * printing the help, or HMIP_EXIT_USAGE after a usage error.
 */
static int map_parse(int argc, const char *argv[], bool add,
		     struct map_args *args)
{
	const struct map_keyword *kw;
	const char *name, *val;
	int i, k, ret, used;

	memset(args, 0, sizeof(*args));
	ret = map_parse_addr(argc, argv, &args->addr);
	if (ret)
		return ret;
	for (i = 1; i < argc; i += 2) {
		k = cli_lookup("argument", argv[i], map_keywords);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == MAP_KW_HELP) {
			map_help(0, NULL);
			return MAP_HELP;
		}
		kw = &map_keywords[k];
		name = kw->name;
		if (k == MAP_KW_ACCESS_ROUTER) {
			ret = map_parse_ar(argc - i, argv + i, args, &used);
			if (ret)
				return ret;
			args->given[k] = true;
			i += used - 2;
			continue;
		}
		if (k == MAP_KW_TUNNEL && !add)
			return cli_usage_err("\"%s\" is only for \"map add\"", name);
		if (i + 1 >= argc)
			return cli_usage_err("\"%s\" needs a value", name);
		val = argv[i + 1];

		switch (k) {
		case MAP_KW_ONLINK_PREFIX:
		case MAP_KW_FORWARD_PREFIX:
		case MAP_KW_RCOA_POOL:
			ret = addr_prefix_list_parse(&args->lists[map_list_of(k)],
						     name, val);
			break;
		default:
			if (args->given[k])
				return cli_usage_err("\"%s\" is given twice",
						     name);
			if (k == MAP_KW_DEV)
				ret = iface_parse(name, val, &args->values[k]);
			else if (k == MAP_KW_MODE)
				ret = cli_parse_word(name, val, map_modes,
						     ARRAY_SIZE(map_modes),
						     &args->values[k]);
			else if (k == MAP_KW_ALTCOA)
				ret = cli_parse_word(name, val, map_altcoa,
						     ARRAY_SIZE(map_altcoa),
						     &args->values[k]);
			else if (k == MAP_KW_TUNNEL)
				ret = iface_parse_name(name, val, args->tunnel);
			else if (k == MAP_KW_RFC)
				ret = cli_parse_rfc(name, val, &args->values[k]);
			else if (k != MAP_KW_REQUIRE_IPSEC)
				ret = cli_parse_u32(name, val, kw->min,
						    kw->max, &args->values[k]);
			else
				ret = cli_parse_on_off(name, val,
						       &args->values[k]);
		}
		if (ret)
			return ret;
		args->given[k] = true;
	}
	return 0;
}

/* HMIP_A_MAP with the address and the keywords given. */
static void map_put(struct nlmsghdr *nlh, const struct map_args *args)
{
	const struct map_keyword *kw;
	struct nlattr *nest;
	size_t k;

	nest = mnl_attr_nest_start(nlh, HMIP_A_MAP);
	mnl_attr_put(nlh, HMIP_A_MAP_ADDR, sizeof(args->addr), &args->addr);
	for (k = 0; k < ARRAY_SIZE(args->given); k++) {
		if (!args->given[k])
			continue;
		kw = &map_keywords[k];
		switch (k) {
		case MAP_KW_ONLINK_PREFIX:
		case MAP_KW_FORWARD_PREFIX:
		case MAP_KW_RCOA_POOL:
			addr_prefix_list_put(nlh, kw->attr,
					     &args->lists[map_list_of(k)]);
			break;
		case MAP_KW_PREF:
		case MAP_KW_REQUIRE_IPSEC:
		case MAP_KW_MODE:
		case MAP_KW_ALTCOA:
			mnl_attr_put_u8(nlh, kw->attr, args->values[k]);
			break;
		case MAP_KW_TUNNEL:
			mnl_attr_put_strz(nlh, kw->attr, args->tunnel);
			break;
		case MAP_KW_ACCESS_ROUTER:
			map_put_ars(nlh, args);
			break;
		case MAP_KW_RFC:
			mnl_attr_put_u16(nlh, kw->attr, args->values[k]);
			break;
		default:
			mnl_attr_put_u32(nlh, kw->attr, args->values[k]);
		}
	}
	mnl_attr_nest_end(nlh, nest);
}

/* Names the attributes of a map request for error messages. */
static const char *map_attr_name(const uint16_t *path, unsigned int depth)
{
	size_t i;

	if (depth < 2 || path[0] != HMIP_A_MAP)
		return NULL;
	if (path[1] == HMIP_A_MAP_ADDR && depth == 2)
		return "address";
	for (i = 0; i < ARRAY_SIZE(map_keywords); i++)
		if (map_keywords[i].attr == path[1])
			return map_keywords[i].name;
	return NULL;
}

/* map_request()'s command for "map replace", which adds or changes */
#define MAP_REPLACE	HMIP_CMD_UNSPEC

/*
 * Send a request with HMIP_A_MAP, print the kernel's refusal. MAP_REPLACE
 * asks for the MAP first: "map add" if the namespace has none of this
 * address, else "map change" with the same settings (but the tunnel's
 * name, which only a new MAP takes), so that a script can run it again
 * and again. (MAP_ADD's EEXIST cannot tell: it also means that another
 * MAP has this /64.)
 */
static int map_request(uint8_t cmd, struct map_args *args)
{
	struct map_args get = { .addr = args->addr };
	struct nl_ctx *nl;
	int ret;

	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (cmd == MAP_REPLACE) {
		map_put(nl_request(nl, HMIP_CMD_MAP_GET, 0), &get);
		ret = nl_try(nl, ENOENT, map_attr_name);
		if (ret == -ENOENT) {
			cmd = HMIP_CMD_MAP_ADD;
			ret = 0;
		} else {
			cmd = HMIP_CMD_MAP_SET;
			args->given[MAP_KW_TUNNEL] = false;
		}
	}
	if (!ret) {
		map_put(nl_request(nl, cmd, 0), args);
		ret = nl_talk(nl, NULL, NULL, map_attr_name);
	}
	nl_close(nl);
	return ret;
}

/* "map add" and "map replace" */
static int map_add_cmd(uint8_t cmd, int argc, const char *argv[])
{
	struct map_args args;
	int ret;

	ret = map_parse(argc, argv, true, &args);
	if (ret)
		return ret == MAP_HELP ? 0 : ret;
	if (!args.given[MAP_KW_DEV])
		return cli_usage_err("missing \"dev IFACE\"");
	return map_request(cmd, &args);
}

static int map_add(int argc, const char *argv[])
{
	return map_add_cmd(HMIP_CMD_MAP_ADD, argc, argv);
}

static int map_replace(int argc, const char *argv[])
{
	return map_add_cmd(MAP_REPLACE, argc, argv);
}

static int map_change(int argc, const char *argv[])
{
	struct map_args args;
	size_t k;
	int ret;

	ret = map_parse(argc, argv, false, &args);
	if (ret)
		return ret == MAP_HELP ? 0 : ret;
	for (k = 0; k < ARRAY_SIZE(args.given) && !args.given[k]; k++)
		;
	if (k == ARRAY_SIZE(args.given))
		return cli_usage_err("nothing to change");
	return map_request(HMIP_CMD_MAP_SET, &args);
}

static int map_del(int argc, const char *argv[])
{
	struct map_args args = {};
	int ret;

	ret = map_parse_addr(argc, argv, &args.addr);
	if (ret)
		return ret == MAP_HELP ? 0 : ret;
	ret = cli_no_more_args(argc - 1, argv + 1);
	if (ret)
		return ret;
	return map_request(HMIP_CMD_MAP_DEL, &args);
}

/* The kernel keeps 16 prefixes a list; room for more, as ADDR_PREFIXES_MAX */
#define MAP_SHOW_PREFIXES	(2 * ADDR_PREFIXES_MAX)

/*
 * " mode routed", " altcoa require": one of @words; a value this tool does
 * not know as its number
 */
static void map_print_word(struct json_writer *jw, const char *name,
			   const char *json, const char *const *words,
			   size_t n, uint8_t val)
{
	char num[4];
	const char *word = NULL;

	if (val < n)
		word = words[val];
	if (!word) {
		snprintf(num, sizeof(num), "%u", val);
		word = num;
	}
	if (jw)
		json_print_string(jw, json, word);
	else
		printf(" %s %s", name, word);
}

/*
 * " access-router A serves P/L buffer on" per access router of @list, or
 * an "access_routers" array; "access-router none" for "hmip save" of an
 * empty list. 0, or -1 after printing that the nest is malformed.
 */
static int map_print_ars(struct json_writer *jw, const struct nlattr *list)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MAP_AR_MAX + 1] = {
		[HMIP_A_MAP_AR_PREFIX_LEN] = MNL_TYPE_U8,
		[HMIP_A_MAP_AR_BUFFER] = MNL_TYPE_U8,
	};
	const struct nlattr *tb[HMIP_A_MAP_AR_MAX + 1];
	char addr[INET6_ADDRSTRLEN], prefix[INET6_ADDRSTRLEN];
	char plen[ADDR_PREFIX_STRLEN];
	const struct nlattr *attr;
	unsigned int n = 0;
	bool buffer;

	if (!list)
		return 0;
	if (jw)
		json_open_array(jw, "access_routers");
	mnl_attr_for_each_nested(attr, list) {
		if (mnl_attr_get_type(attr) != HMIP_A_MAP_AR)
			continue;
		memset(tb, 0, sizeof(tb));
		if (nl_parse_nested(attr, tb, HMIP_A_MAP_AR_MAX, policy))
			return -1;
		if (!tb[HMIP_A_MAP_AR_ADDR] || !tb[HMIP_A_MAP_AR_PREFIX] ||
		    !tb[HMIP_A_MAP_AR_PREFIX_LEN]) {
			cli_err("malformed answer from the kernel (an access router without its address or prefix)");
			return -1;
		}
		if (addr_attr_str(tb[HMIP_A_MAP_AR_ADDR], addr) ||
		    addr_attr_str(tb[HMIP_A_MAP_AR_PREFIX], prefix))
			return -1;
		snprintf(plen, sizeof(plen), "%s/%u", prefix,
			 mnl_attr_get_u8(tb[HMIP_A_MAP_AR_PREFIX_LEN]));
		buffer = tb[HMIP_A_MAP_AR_BUFFER] &&
			 mnl_attr_get_u8(tb[HMIP_A_MAP_AR_BUFFER]);
		if (jw) {
			json_open_object(jw, NULL);
			json_print_string(jw, "address", addr);
			json_print_string(jw, "prefix", plen);
			json_print_bool(jw, "buffer", buffer);
			json_close_object(jw);
		} else {
			printf(" access-router %s serves %s buffer %s", addr, plen,
			       buffer ? "on" : "off");
		}
		n++;
	}
	if (jw)
		json_close_array(jw);
	else if (hmip_opts.save && !n)
		printf(" access-router none");
	return 0;
}

/**
 * map_print() - print a MAP, one HMIP_A_MAP nest
 * @jw: a JSON writer inside an array or an event object, or NULL for text
 * @nest: the nest
 * @event: print into the event's open object (JSON), or after the
 *	event's name on its line (text)
 *
 * Every attribute is checked before anything is printed.
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int map_print(struct json_writer *jw, const struct nlattr *nest, bool event)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MAP_MAX + 1] = {
		[HMIP_A_MAP_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_MAP_PREF] = MNL_TYPE_U8,
		[HMIP_A_MAP_MAX_LIFETIME] = MNL_TYPE_U32,
		[HMIP_A_MAP_MAX_BINDINGS] = MNL_TYPE_U32,
		[HMIP_A_MAP_ONLINK_PREFIXES] = MNL_TYPE_NESTED,
		[HMIP_A_MAP_FORWARD_PREFIXES] = MNL_TYPE_NESTED,
		[HMIP_A_MAP_REQUIRE_IPSEC] = MNL_TYPE_U8,
		[HMIP_A_MAP_BINDINGS] = MNL_TYPE_U32,
		[HMIP_A_MAP_MODE] = MNL_TYPE_U8,
		[HMIP_A_MAP_TUNNEL_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_MAP_REQUIRE_ALTCOA] = MNL_TYPE_U8,
		[HMIP_A_MAP_RFC] = MNL_TYPE_U16,
		[HMIP_A_MAP_RCOA_POOLS] = MNL_TYPE_NESTED,
		[HMIP_A_MAP_BICAST] = MNL_TYPE_U32,
		[HMIP_A_MAP_ACCESS_ROUTERS] = MNL_TYPE_NESTED,
		[HMIP_A_MAP_HANDOVERS] = MNL_TYPE_U32,
		[HMIP_A_MAP_HI_TIMEOUT] = MNL_TYPE_U32,
	};
	/* printed in this order, after the address and "dev" */
	static const struct {
		uint16_t attr;
		const char *name;
		const char *json;
	} fields[] = {
		{ HMIP_A_MAP_PREF, "pref", "pref" },
		{ HMIP_A_MAP_MAX_LIFETIME, "max-lifetime", "max_lifetime" },
		{ HMIP_A_MAP_MAX_BINDINGS, "max-bindings", "max_bindings" },
		{ HMIP_A_MAP_REQUIRE_IPSEC, "require-ipsec", "require_ipsec" },
		{ HMIP_A_MAP_REQUIRE_ALTCOA, "altcoa", "altcoa" },
		{ HMIP_A_MAP_MODE, "mode", "mode" },
		{ HMIP_A_MAP_TUNNEL_IFINDEX, "tunnel", "tunnel" },
		{ HMIP_A_MAP_BINDINGS, "bindings", "bindings" },
		{ HMIP_A_MAP_RFC, "rfc", "rfc" },
		{ HMIP_A_MAP_BICAST, "bicast", "bicast_ms" },
		{ HMIP_A_MAP_HI_TIMEOUT, "hi-timeout", "hi_timeout_ms" },
		{ HMIP_A_MAP_HANDOVERS, "handovers", "handovers" },
	};
	static const struct {
		uint16_t attr;
		const char *name;
		const char *json;
	} lists[] = {
		{ HMIP_A_MAP_ONLINK_PREFIXES, "onlink-prefix", "onlink_prefixes" },
		{ HMIP_A_MAP_FORWARD_PREFIXES, "forward-prefix",
		  "forward_prefixes" },
		{ HMIP_A_MAP_RCOA_POOLS, "rcoa-pool", "rcoa_pools" },
	};
	char prefixes[3][MAP_SHOW_PREFIXES][ADDR_PREFIX_STRLEN];
	const struct nlattr *tb[HMIP_A_MAP_MAX + 1] = {};
	char addr[INET6_ADDRSTRLEN];
	const struct nlattr *attr;
	unsigned int counts[3], i, j;
	uint64_t val;

	if (nl_parse_nested(nest, tb, HMIP_A_MAP_MAX, policy))
		return -1;
	if (!tb[HMIP_A_MAP_ADDR]) {
		cli_err("malformed answer from the kernel (a MAP without its address)");
		return -1;
	}
	if (addr_attr_str(tb[HMIP_A_MAP_ADDR], addr))
		return -1;
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		if (addr_prefix_list_get(tb[lists[i].attr], prefixes[i],
					 &counts[i], MAP_SHOW_PREFIXES))
			return -1;

	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		json_print_string(jw, "address", addr);
	} else {
		printf("%s%s", event ? " " :
		       hmip_opts.save ? "map replace " : "", addr);
	}
	if (tb[HMIP_A_MAP_IFINDEX])
		iface_print(jw, tb[HMIP_A_MAP_IFINDEX], "dev", "dev", "ifindex");
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		attr = tb[fields[i].attr];
		/* "hmip save" leaves out what cannot be set */
		if (!attr || (hmip_opts.save &&
			      (fields[i].attr == HMIP_A_MAP_BINDINGS ||
			       fields[i].attr == HMIP_A_MAP_HANDOVERS)))
			continue;
		switch (fields[i].attr) {
		case HMIP_A_MAP_MODE:
			map_print_word(jw, "mode", "mode", map_modes,
				       ARRAY_SIZE(map_modes),
				       mnl_attr_get_u8(attr));
			continue;
		case HMIP_A_MAP_TUNNEL_IFINDEX:
			iface_print(jw, attr, fields[i].name, fields[i].json,
				    "tunnel_ifindex");
			continue;
		case HMIP_A_MAP_REQUIRE_ALTCOA:
			val = mnl_attr_get_u8(attr);
			map_print_word(jw, fields[i].name, fields[i].json,
				       map_altcoa, ARRAY_SIZE(map_altcoa), val);
			continue;
		case HMIP_A_MAP_REQUIRE_IPSEC:
			val = mnl_attr_get_u8(attr);
			if (jw)
				json_print_bool(jw, fields[i].json, val);
			else
				printf(" %s %s", fields[i].name,
				       val ? "on" : "off");
			continue;
		case HMIP_A_MAP_PREF:
			val = mnl_attr_get_u8(attr);
			break;
		case HMIP_A_MAP_RFC:
			val = mnl_attr_get_u16(attr);
			break;
		default:
			val = mnl_attr_get_u32(attr);
		}
		if (jw)
			json_print_u64(jw, fields[i].json, val);
		else
			printf(" %s %llu", fields[i].name,
			       (unsigned long long)val);
	}
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		if (jw)
			json_open_array(jw, lists[i].json);
		for (j = 0; j < counts[i]; j++) {
			if (jw)
				json_print_string(jw, NULL, prefixes[i][j]);
			else
				printf(" %s %s", lists[i].name, prefixes[i][j]);
		}
		/* an empty list, said so that replace empties the MAP's */
		if (!jw && hmip_opts.save && !counts[i])
			printf(" %s none", lists[i].name);
		if (jw)
			json_close_array(jw);
	}
	if (map_print_ars(jw, tb[HMIP_A_MAP_ACCESS_ROUTERS]))
		return -1;
	if (event)
		return 0;
	if (jw)
		json_close_object(jw);
	else
		putchar('\n');
	return 0;
}

static int map_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = show_nest(nlh, HMIP_A_MAP, "MAP");

	if (!nest || map_print(show_next(data), nest, false))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* map_put() for show_run() */
static void map_put_key(struct nlmsghdr *nlh, const void *args)
{
	map_put(nlh, args);
}

static int map_show(int argc, const char *argv[])
{
	struct map_args args = {};
	int ret;

	if (argc > 0) {
		ret = map_parse_addr(argc, argv, &args.addr);
		if (ret)
			return ret == MAP_HELP ? 0 : ret;
		ret = cli_no_more_args(argc - 1, argv + 1);
		if (ret)
			return ret;
	}

	return show_run(HMIP_CMD_MAP_GET, argc > 0 ? map_put_key : NULL, &args,
			map_show_cb, map_attr_name);
}

static int map_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip map add ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip map change ADDRESS [ dev IFACE ] [ OPTIONS ]\n");
	printf("       hmip map replace ADDRESS dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip map del ADDRESS\n");
	printf("       hmip map [ show [ ADDRESS ] ]\n");
	printf("       hmip map help\n");
	printf("where  OPTIONS := [ pref 0-15 ] [ max-lifetime 4-262140 ]\n");
	printf("                  [ max-bindings 1-16777216 ]\n");
	printf("                  [ require-ipsec { on | off } ]\n");
	printf("                  [ altcoa { require | optional } ]\n");
	printf("                  [ mode { proxy-nd | routed } ]\n");
	printf("                  [ onlink-prefix { PREFIX/LEN | none } ]...\n");
	printf("                  [ forward-prefix { PREFIX/LEN | none } ]...\n");
	printf("                  [ rfc { 4140 | 5380 } ] [ bicast 0-10000 ]\n");
	printf("                  [ rcoa-pool { PREFIX/LEN | none } ]...\n");
	printf("                  [ hi-timeout 10-10000 ]\n");
	printf("                  [ access-router { ADDRESS serves PREFIX/LEN\n");
	printf("                                    [ buffer { on | off } ] | none } ]...\n");
	printf("Each onlink-prefix, forward-prefix and rcoa-pool adds a prefix to its\n");
	printf("list, which replaces the MAP's; \"none\" sends the list empty.\n");
	printf("rcoa-pool names where the MAP's IKEv2 daemon allocates RCoAs (RFC 5380):\n");
	printf("no DAD for them, and only an SA naming the RCoA alone binds one.\n");
	printf("The mode is proxy-nd by default. altcoa require (the default) refuses\n");
	printf("an ESP-protected Binding Update without an Alternate Care-of Address\n");
	printf("option.\n");
	printf("bicast: for how many ms after a Fast Binding Update packets for the RCoA\n");
	printf("also go to the previous LCoA (default 1000, 0: off).\n");
	printf("Each access-router adds one to the list, which replaces the MAP's: a Fast\n");
	printf("Binding Update whose new LCoA is in its prefix waits for its Handover\n");
	printf("Acknowledge (RFC 5568); buffer on asks it to buffer the node's packets.\n");
	printf("hi-timeout: ms before the first retransmission of a Handover Initiate\n");
	printf("(default 100), doubled for each of the 3; the FBU is refused after the last.\n");
	printf("rfc says which specification's rules apply where RFC 4140 and RFC 5380\n");
	printf("differ (default 5380).\n");
	printf("tunnel names the MAP's tunnel device (default \"hmip%%d\"),\n");
	printf("on \"map add\" only (and \"map replace\" when it adds the MAP).\n");
	printf("replace adds the MAP, or changes it to these settings if it exists.\n");
	return 0;
}

static const struct cli_cmd map_cmds[] = {
	{ .name = "show", .fn = map_show },
	{ .name = "add", .fn = map_add },
	{ .name = "change", .fn = map_change },
	{ .name = "replace", .fn = map_replace },
	{ .name = "del", .fn = map_del },
	{ .name = "help", .fn = map_help },
};

int map_main(int argc, const char *argv[])
{
	return cli_dispatch("map", map_cmds, ARRAY_SIZE(map_cmds), argc, argv);
}
