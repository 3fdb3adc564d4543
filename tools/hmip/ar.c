// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the ar object, the MAP options this node adds to the router
 * advertisements it sends as an access router (RFC 4140 sections 5, 7.1
 * and 10).
 *
 *	hmip ar add dev IFACE map ADDRESS [ OPTIONS ]
 *	hmip ar add dev IFACE relay-from IFACE
 *	hmip ar change dev IFACE map ADDRESS [ OPTIONS ]
 *	hmip ar replace dev IFACE { map ADDRESS [ OPTIONS ] | relay-from IFACE }
 *	hmip ar del dev IFACE { map ADDRESS | relay-from IFACE }
 *	hmip ar add dev IFACE neighbour ADDRESS prefix PREFIX/LEN ap LLA
 *		[ lla LLA ]
 *	hmip ar change dev IFACE neighbour ADDRESS [ prefix PREFIX/LEN ]
 *		[ ap LLA ] [ lla { LLA | none } ]
 *	hmip ar del dev IFACE neighbour ADDRESS
 *	hmip ar prepare dev IFACE mn ADDRESS neighbour ADDRESS
 *	hmip ar [ show ]
 *	hmip ar role set rfc { 4140 | 5380 }
 *	hmip ar role [ show ]
 *
 * A neighbour is a neighbouring access router whose prefix the Proxy
 * Router Advertisements sent on IFACE carry (FMIPv6, RFC 5568): LLA is
 * the link-layer address of its access point (ap), or its own (lla),
 * hexadecimal octets separated by colons.
 *
 * "prepare" stands for the layer-2 trigger of a network-initiated fast
 * handover (RFC 5568 section 3.3): the mobile node ADDRESS on IFACE gets
 * an unsolicited Proxy Router Advertisement about the neighbour.
 *
 * "role" is the role's own setting, for the whole namespace: which of RFC
 * 4140 and RFC 5380 it follows (relays exist only with 4140).
 *
 * As for "map", the tool checks the syntax and the ranges the help gives
 * (the kernel's policy) before any request. An
 * entry prints as one line in the form of the arguments of "ar add"
 * (learned options start with "learned"), or with -j as one object of a
 * JSON array.
 */

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "ar.h"
#include "cli.h"
#include "iface.h"
#include "json.h"
#include "nl.h"
#include "show.h"

/* what the parser returns after printing the help asked for */
#define AR_HELP		(-1)

enum {
	AR_KW_DEV,
	AR_KW_MAP,
	AR_KW_RELAY_FROM,
	AR_KW_DIST,
	AR_KW_PREF,
	AR_KW_VALID_LIFETIME,
	AR_KW_RFLAG,
	AR_KW_WATCH,
	AR_KW_PROBE_INTERVAL,
	AR_KW_RETRY_INTERVAL,
	AR_KW_RETRY_TIME,
	AR_KW_NEIGHBOUR,
	AR_KW_PREFIX,
	AR_KW_AP,
	AR_KW_LLA,
	AR_KW_REQUIRE_IPSEC,
	AR_KW_BUFFER_PACKETS,
	AR_KW_BUFFER_ENTRIES,
	AR_KW_BUFFER_LIFETIME,
	AR_KW_MN,
	AR_KW_HELP,
};

/* What an entry is: one of these */
#define AR_ONE_OF \
	"give one of \"map ADDRESS\", \"relay-from IFACE\", \"neighbour ADDRESS\""

/* Octets of a link-layer address, as the kernel's policy takes them */
#define AR_LLA_MAX	16

/**
 * struct ar_keyword - a keyword of "ar add", "change" and "del"
 * @name: the keyword
 * @attr: its attribute in HMIP_A_AR, HMIP_A_AR_*
 * @min: smallest value of a number, as the kernel's policy has it
 * @max: largest value of a number, likewise; 1 for on/off; 0 for an
 *	interface or an address
 */
struct ar_keyword {
	const char *name;
	uint16_t attr;
	uint32_t min;
	uint32_t max;
};

/* The ranges of the kernel's policy (net/ar/nl.c), which the help gives */
static const struct ar_keyword ar_keywords[] = {
	[AR_KW_DEV] = { "dev", HMIP_A_AR_IFINDEX, 0, 0 },
	[AR_KW_MAP] = { "map", HMIP_A_AR_MAP_ADDR, 0, 0 },
	[AR_KW_RELAY_FROM] = { "relay-from", HMIP_A_AR_RELAY_FROM, 0, 0 },
	[AR_KW_DIST] = { "dist", HMIP_A_AR_DIST, 1, 15 },
	[AR_KW_PREF] = { "pref", HMIP_A_AR_PREF, 0, 15 },
	[AR_KW_VALID_LIFETIME] = { "valid-lifetime", HMIP_A_AR_VALID_LIFETIME,
				   0, UINT32_MAX },
	[AR_KW_RFLAG] = { "rflag", HMIP_A_AR_RFLAG, 0, 1 },
	[AR_KW_WATCH] = { "watch", HMIP_A_AR_WATCH, 0, 1 },
	[AR_KW_PROBE_INTERVAL] = { "probe-interval", HMIP_A_AR_PROBE_MS,
				   100, 3600000 },
	[AR_KW_RETRY_INTERVAL] = { "retry-interval", HMIP_A_AR_RETRY_MS,
				   100, 3600000 },
	[AR_KW_RETRY_TIME] = { "retry-time", HMIP_A_AR_RETRY_TIME_MS,
			       0, 3600000 },
	[AR_KW_NEIGHBOUR] = { "neighbour", HMIP_A_AR_NEIGHBOUR, 0, 0 },
	[AR_KW_PREFIX] = { "prefix", HMIP_A_AR_NBR_PREFIX, 0, 0 },
	[AR_KW_AP] = { "ap", HMIP_A_AR_NBR_AP, 0, 0 },
	[AR_KW_LLA] = { "lla", HMIP_A_AR_NBR_LLA, 0, 0 },
	[AR_KW_REQUIRE_IPSEC] = { "require-ipsec", HMIP_A_AR_REQUIRE_IPSEC,
				  0, 1 },
	[AR_KW_BUFFER_PACKETS] = { "buffer-packets", HMIP_A_AR_BUFFER_PACKETS,
				   1, 65536 },
	[AR_KW_BUFFER_ENTRIES] = { "buffer-entries", HMIP_A_AR_BUFFER_ENTRIES,
				   1, 4096 },
	[AR_KW_BUFFER_LIFETIME] = { "buffer-lifetime",
				    HMIP_A_AR_BUFFER_LIFETIME_MS, 100, 60000 },
	[AR_KW_MN] = { "mn", HMIP_A_AR_PREPARE_MN, 0, 0 },
	[AR_KW_HELP] = { "help", 0, 0, 0 },
};

/**
 * struct ar_args - the arguments of an "ar" command
 * @given: which keywords were given, by AR_KW_*
 * @values: numbers, on/off as 1/0, interface indexes
 * @addr: the MAP's or the neighbour's address
 * @mn: the mobile node's address ("prepare")
 * @prefix: the neighbour's prefix
 * @lla: the link-layer addresses of "ap" and "lla", by AR_KW_*
 * @lla_len: their octets ("lla none": 0)
 */
struct ar_args {
	bool given[AR_KW_HELP];
	uint32_t values[AR_KW_HELP];
	struct in6_addr addr;
	struct in6_addr mn;
	struct addr_prefix prefix;
	uint8_t lla[AR_KW_HELP][AR_LLA_MAX];
	unsigned int lla_len[AR_KW_HELP];
};

/*
 * A link-layer address: 1 to 16 octets in hexadecimal, separated by
 * colons ("02:00:00:00:00:01"); "none" for no address, where @none is
 * allowed.
 */
static int ar_parse_lla(const char *name, const char *word, bool none,
			uint8_t *lla, unsigned int *len)
{
	const char *p = word;
	unsigned int n = 0;
	char *end;
	long v;

	if (none && !strcmp(word, "none")) {
		*len = 0;
		return 0;
	}
	for (;;) {
		if (n == AR_LLA_MAX || !isxdigit((unsigned char)*p))
			break;
		v = strtol(p, &end, 16);
		if (end - p > 2 || v < 0 || v > 255)
			break;
		lla[n++] = v;
		if (!*end) {
			*len = n;
			return 0;
		}
		if (*end != ':')
			break;
		p = end + 1;
	}
	return cli_usage_err("invalid %s \"%s\" (expected 1-16 hex octets, colon-separated)",
			     name, word);
}

static int ar_help(int argc, const char *argv[]);

/*
 * 0, AR_HELP after printing the help, or HMIP_EXIT_USAGE after a usage
 * error. "dev" and one of "map" or "relay-from" are required.
 */
static int ar_parse(int argc, const char *argv[], struct ar_args *args)
{
	const struct ar_keyword *kw;
	const char *val;
	int i, k, ret;

	memset(args, 0, sizeof(*args));
	for (i = 0; i < argc; i += 2) {
		k = cli_lookup("argument", argv[i], ar_keywords);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == AR_KW_HELP) {
			ar_help(0, NULL);
			return AR_HELP;
		}
		kw = &ar_keywords[k];
		if (i + 1 >= argc)
			return cli_usage_err("\"%s\" needs a value", kw->name);
		if (args->given[k])
			return cli_usage_err("\"%s\" is given twice", kw->name);
		val = argv[i + 1];
		if (k == AR_KW_DEV || k == AR_KW_RELAY_FROM)
			ret = iface_parse(kw->name, val, &args->values[k]);
		else if (k == AR_KW_MAP || k == AR_KW_NEIGHBOUR)
			ret = addr_parse(val, &args->addr);
		else if (k == AR_KW_MN)
			ret = addr_parse(val, &args->mn);
		else if (k == AR_KW_PREFIX)
			ret = addr_parse_prefix(val, &args->prefix);
		else if (k == AR_KW_AP || k == AR_KW_LLA)
			ret = ar_parse_lla(kw->name, val, k == AR_KW_LLA,
					   args->lla[k], &args->lla_len[k]);
		else if (kw->max != 1)
			ret = cli_parse_u32(kw->name, val, kw->min, kw->max,
					    &args->values[k]);
		else
			ret = cli_parse_on_off(kw->name, val, &args->values[k]);
		if (ret)
			return ret;
		args->given[k] = true;
	}
	if (!args->given[AR_KW_DEV])
		return cli_usage_err("missing \"dev IFACE\"");
	if (args->given[AR_KW_MN])
		return cli_usage_err("only \"ar prepare\" takes \"mn ADDRESS\"");
	if (args->given[AR_KW_MAP] + args->given[AR_KW_RELAY_FROM] +
	    args->given[AR_KW_NEIGHBOUR] != 1)
		return cli_usage_err(AR_ONE_OF);
	if (args->given[AR_KW_PREFIX] && !args->prefix.len)
		return cli_usage_err("\"prefix\" needs a length of 1-128");
	return 0;
}

/* HMIP_A_AR with the keywords given. */
static void ar_put(struct nlmsghdr *nlh, const struct ar_args *args)
{
	struct nlattr *nest;
	size_t k;

	nest = mnl_attr_nest_start(nlh, HMIP_A_AR);
	for (k = 0; k < ARRAY_SIZE(args->given); k++) {
		if (!args->given[k])
			continue;
		switch (k) {
		case AR_KW_MAP:
		case AR_KW_NEIGHBOUR:
			mnl_attr_put(nlh, ar_keywords[k].attr,
				     sizeof(args->addr), &args->addr);
			break;
		case AR_KW_MN:
			mnl_attr_put(nlh, ar_keywords[k].attr,
				     sizeof(args->mn), &args->mn);
			break;
		case AR_KW_PREFIX:
			mnl_attr_put(nlh, HMIP_A_AR_NBR_PREFIX,
				     sizeof(args->prefix.addr),
				     &args->prefix.addr);
			mnl_attr_put_u8(nlh, HMIP_A_AR_NBR_PREFIX_LEN,
					args->prefix.len);
			break;
		case AR_KW_AP:
		case AR_KW_LLA:
			mnl_attr_put(nlh, ar_keywords[k].attr,
				     args->lla_len[k], args->lla[k]);
			break;
		case AR_KW_DIST:
		case AR_KW_PREF:
		case AR_KW_RFLAG:
		case AR_KW_WATCH:
		case AR_KW_REQUIRE_IPSEC:
			mnl_attr_put_u8(nlh, ar_keywords[k].attr,
					args->values[k]);
			break;
		default:
			mnl_attr_put_u32(nlh, ar_keywords[k].attr,
					 args->values[k]);
		}
	}
	mnl_attr_nest_end(nlh, nest);
}

/* Names the attributes of an ar request for error messages. */
static const char *ar_attr_name(const uint16_t *path, unsigned int depth)
{
	size_t i;

	if (depth < 2 || path[0] != HMIP_A_AR)
		return NULL;
	if (path[1] == HMIP_A_AR_RFC)
		return "rfc";
	if (path[1] == HMIP_A_AR_NBR_PREFIX_LEN)
		return "prefix";
	for (i = 0; i < AR_KW_HELP; i++)
		if (ar_keywords[i].attr == path[1])
			return ar_keywords[i].name;
	return NULL;
}

/* ar_request()'s command for "ar replace", which adds or changes */
#define AR_REPLACE	HMIP_CMD_UNSPEC

/*
 * Run an ar command: parse, send, print the kernel's refusal. AR_REPLACE
 * is "ar add", or if the interface advertises this MAP already "ar
 * change" with the same settings; a relay that exists is left as it is
 * (it has nothing to change). A script can run it again and again.
 */
static int ar_request(uint8_t cmd, int argc, const char *argv[])
{
	struct ar_args args;
	struct nl_ctx *nl;
	int ret;

	ret = ar_parse(argc, argv, &args);
	if (ret)
		return ret == AR_HELP ? 0 : ret;
	if (cmd == HMIP_CMD_AR_SET && args.given[AR_KW_RELAY_FROM])
		return cli_usage_err("a relay has nothing to change");
	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (cmd == AR_REPLACE) {
		ar_put(nl_request(nl, HMIP_CMD_AR_ADD, 0), &args);
		ret = nl_try(nl, EEXIST, ar_attr_name);
		/* it exists: an option or a neighbour takes the settings, a
		 * relay has none
		 */
		if (ret != -EEXIST || args.given[AR_KW_RELAY_FROM]) {
			nl_close(nl);
			return ret == -EEXIST ? 0 : ret;
		}
		cmd = HMIP_CMD_AR_SET;
	}
	ar_put(nl_request(nl, cmd, 0), &args);
	ret = nl_talk(nl, NULL, NULL, ar_attr_name);
	nl_close(nl);
	return ret;
}

static int ar_add(int argc, const char *argv[])
{
	return ar_request(HMIP_CMD_AR_ADD, argc, argv);
}

static int ar_change(int argc, const char *argv[])
{
	return ar_request(HMIP_CMD_AR_SET, argc, argv);
}

static int ar_del(int argc, const char *argv[])
{
	return ar_request(HMIP_CMD_AR_DEL, argc, argv);
}

static int ar_replace(int argc, const char *argv[])
{
	return ar_request(AR_REPLACE, argc, argv);
}

/*
 * "ar prepare dev IFACE mn ADDRESS neighbour ADDRESS": the three, in any
 * order, and nothing else.
 */
static int ar_prepare(int argc, const char *argv[])
{
	static const int need[] = { AR_KW_DEV, AR_KW_MN, AR_KW_NEIGHBOUR };
	const struct ar_keyword *kw;
	struct ar_args args;
	struct nl_ctx *nl;
	unsigned int i;
	int k, ret;

	memset(&args, 0, sizeof(args));
	for (i = 0; i < (unsigned int)argc; i += 2) {
		k = cli_lookup("argument", argv[i], ar_keywords);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == AR_KW_HELP)
			return ar_help(0, NULL);
		kw = &ar_keywords[k];
		if (k != AR_KW_DEV && k != AR_KW_MN && k != AR_KW_NEIGHBOUR)
			return cli_usage_err("\"%s\" is not an argument of \"ar prepare\"",
					     kw->name);
		if (i + 1 >= (unsigned int)argc)
			return cli_usage_err("\"%s\" needs a value", kw->name);
		if (args.given[k])
			return cli_usage_err("\"%s\" is given twice", kw->name);
		if (k == AR_KW_DEV)
			ret = iface_parse(kw->name, argv[i + 1], &args.values[k]);
		else
			ret = addr_parse(argv[i + 1],
					 k == AR_KW_MN ? &args.mn : &args.addr);
		if (ret)
			return ret;
		args.given[k] = true;
	}
	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (!args.given[need[i]])
			return cli_usage_err("expected \"dev IFACE mn ADDRESS neighbour ADDRESS\"");
	ret = nl_open(&nl);
	if (ret)
		return ret;
	ar_put(nl_request(nl, HMIP_CMD_AR_PREPARE, 0), &args);
	ret = nl_talk(nl, NULL, NULL, ar_attr_name);
	nl_close(nl);
	return ret;
}

static const char * const ar_kinds[] = {
	[HMIP_AR_KIND_STATIC] = "static",
	[HMIP_AR_KIND_RELAY] = "relay",
	[HMIP_AR_KIND_LEARNED] = "learned",
	[HMIP_AR_KIND_ROLE] = "role",
	[HMIP_AR_KIND_NEIGHBOUR] = "neighbour",
	[HMIP_AR_KIND_HANDOVER] = "handover",
};

/* "xx:xx:...", of at most AR_LLA_MAX octets, into @buf of AR_LLA_STRLEN */
#define AR_LLA_STRLEN	(3 * AR_LLA_MAX)
static void ar_lla_str(const struct nlattr *attr, char *buf)
{
	const uint8_t *p = mnl_attr_get_payload(attr);
	unsigned int i, n = mnl_attr_get_payload_len(attr);
	char *out = buf;

	if (n > AR_LLA_MAX)
		n = AR_LLA_MAX;
	*out = '\0';
	for (i = 0; i < n; i++)
		out += sprintf(out, "%s%02x", i ? ":" : "", p[i]);
}

static const char * const ar_states[] = {
	[HMIP_AR_WATCH_OFF] = "off",
	[HMIP_AR_WATCH_OK] = "ok",
	[HMIP_AR_WATCH_PROBING] = "probing",
	[HMIP_AR_WATCH_FAILED] = "failed",
};

/* The role's settings: "rfc N" ("ar role set rfc N" for "hmip save"). */
static int ar_print_role(struct json_writer *jw, const struct nlattr **tb,
			 bool event)
{
	unsigned int rfc;

	if (!tb[HMIP_A_AR_RFC]) {
		cli_err("malformed answer from the kernel (the ar role without its rfc)");
		return -1;
	}
	rfc = mnl_attr_get_u16(tb[HMIP_A_AR_RFC]);
	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		json_print_string(jw, "kind", ar_kinds[HMIP_AR_KIND_ROLE]);
		json_print_u64(jw, "rfc", rfc);
		if (!event)
			json_close_object(jw);
		return 0;
	}
	if (event)
		printf(" role rfc %u", rfc);
	else
		printf("%srfc %u\n", hmip_opts.save ? "ar role set " : "", rfc);
	return 0;
}

/**
 * ar_print() - print an access router entry, one HMIP_A_AR nest
 * @jw: a JSON writer inside an array or an event object, or NULL for text
 * @nest: the nest
 * @event: print into the event's open object (JSON), or after the
 *	event's name on its line (text)
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int ar_print(struct json_writer *jw, const struct nlattr *nest, bool event)
{
	static const enum mnl_attr_data_type policy[HMIP_A_AR_MAX + 1] = {
		[HMIP_A_AR_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_AR_DIST] = MNL_TYPE_U8,
		[HMIP_A_AR_PREF] = MNL_TYPE_U8,
		[HMIP_A_AR_VALID_LIFETIME] = MNL_TYPE_U32,
		[HMIP_A_AR_RFLAG] = MNL_TYPE_U8,
		[HMIP_A_AR_RELAY_FROM] = MNL_TYPE_U32,
		[HMIP_A_AR_WATCH] = MNL_TYPE_U8,
		[HMIP_A_AR_PROBE_MS] = MNL_TYPE_U32,
		[HMIP_A_AR_RETRY_MS] = MNL_TYPE_U32,
		[HMIP_A_AR_RETRY_TIME_MS] = MNL_TYPE_U32,
		[HMIP_A_AR_KIND] = MNL_TYPE_U8,
		[HMIP_A_AR_WATCH_STATE] = MNL_TYPE_U8,
		[HMIP_A_AR_REMAINING] = MNL_TYPE_U32,
		[HMIP_A_AR_RFC] = MNL_TYPE_U16,
		[HMIP_A_AR_NBR_PREFIX_LEN] = MNL_TYPE_U8,
		[HMIP_A_AR_REQUIRE_IPSEC] = MNL_TYPE_U8,
		[HMIP_A_AR_BUFFER_PACKETS] = MNL_TYPE_U32,
		[HMIP_A_AR_BUFFER_ENTRIES] = MNL_TYPE_U32,
		[HMIP_A_AR_BUFFER_LIFETIME_MS] = MNL_TYPE_U32,
		[HMIP_A_AR_HI_CODE] = MNL_TYPE_U8,
		[HMIP_A_AR_HI_BUFFER] = MNL_TYPE_U8,
	};
	static const struct {
		uint16_t attr;
		const char *name;
		const char *json;
		bool onoff;
	} fields[] = {
		{ HMIP_A_AR_DIST, "dist", "dist", false },
		{ HMIP_A_AR_PREF, "pref", "pref", false },
		{ HMIP_A_AR_VALID_LIFETIME, "valid-lifetime", "valid_lifetime",
		  false },
		{ HMIP_A_AR_RFLAG, "rflag", "rflag", true },
		{ HMIP_A_AR_WATCH, "watch", "watch", true },
		{ HMIP_A_AR_PROBE_MS, "probe-interval", "probe_interval_ms",
		  false },
		{ HMIP_A_AR_RETRY_MS, "retry-interval", "retry_interval_ms",
		  false },
		{ HMIP_A_AR_RETRY_TIME_MS, "retry-time", "retry_time_ms",
		  false },
		{ HMIP_A_AR_REMAINING, "remaining", "remaining", false },
		{ HMIP_A_AR_REQUIRE_IPSEC, "require-ipsec", "require_ipsec",
		  true },
		{ HMIP_A_AR_BUFFER_PACKETS, "buffer-packets", "buffer_packets",
		  false },
		{ HMIP_A_AR_BUFFER_ENTRIES, "buffer-entries", "buffer_entries",
		  false },
		{ HMIP_A_AR_BUFFER_LIFETIME_MS, "buffer-lifetime",
		  "buffer_lifetime_ms", false },
		{ HMIP_A_AR_HI_CODE, "code", "code", false },
		{ HMIP_A_AR_HI_BUFFER, "buffer", "buffer", true },
	};
	const struct nlattr *tb[HMIP_A_AR_MAX + 1] = {};
	char dev[IFACE_STRLEN], from[IFACE_STRLEN];
	char addr[INET6_ADDRSTRLEN], nbr[INET6_ADDRSTRLEN];
	char prefix[INET6_ADDRSTRLEN], ap[AR_LLA_STRLEN] = "";
	char lla[AR_LLA_STRLEN] = "";
	char ncoa[INET6_ADDRSTRLEN];
	uint8_t kind, state = HMIP_AR_WATCH_OFF, plen = 0;
	bool dev_named, from_named = false;
	unsigned int i;
	uint64_t val;

	if (nl_parse_nested(nest, tb, HMIP_A_AR_MAX, policy))
		return -1;
	if (!tb[HMIP_A_AR_KIND]) {
		cli_err("malformed answer from the kernel (an ar entry without its kind)");
		return -1;
	}
	kind = mnl_attr_get_u8(tb[HMIP_A_AR_KIND]);
	if (kind >= ARRAY_SIZE(ar_kinds)) {
		cli_err("malformed answer from the kernel (ar entry kind %u)",
			kind);
		return -1;
	}
	if (kind == HMIP_AR_KIND_ROLE)
		return ar_print_role(jw, tb, event);
	if (!tb[HMIP_A_AR_IFINDEX]) {
		cli_err("malformed answer from the kernel (an ar entry without its interface)");
		return -1;
	}
	if (tb[HMIP_A_AR_MAP_ADDR] &&
	    addr_attr_str(tb[HMIP_A_AR_MAP_ADDR], addr))
		return -1;
	if (kind == HMIP_AR_KIND_NEIGHBOUR) {
		if (!tb[HMIP_A_AR_NEIGHBOUR] || !tb[HMIP_A_AR_NBR_PREFIX] ||
		    !tb[HMIP_A_AR_NBR_PREFIX_LEN] || !tb[HMIP_A_AR_NBR_AP]) {
			cli_err("malformed answer from the kernel (a neighbour without its address, prefix or access point)");
			return -1;
		}
		if (addr_attr_str(tb[HMIP_A_AR_NEIGHBOUR], nbr) ||
		    addr_attr_str(tb[HMIP_A_AR_NBR_PREFIX], prefix))
			return -1;
		plen = mnl_attr_get_u8(tb[HMIP_A_AR_NBR_PREFIX_LEN]);
		ar_lla_str(tb[HMIP_A_AR_NBR_AP], ap);
		if (tb[HMIP_A_AR_NBR_LLA])
			ar_lla_str(tb[HMIP_A_AR_NBR_LLA], lla);
	}
	if (tb[HMIP_A_AR_HI_NCOA] && addr_attr_str(tb[HMIP_A_AR_HI_NCOA], ncoa))
		return -1;
	if (tb[HMIP_A_AR_WATCH_STATE]) {
		state = mnl_attr_get_u8(tb[HMIP_A_AR_WATCH_STATE]);
		if (state >= ARRAY_SIZE(ar_states)) {
			cli_err("malformed answer from the kernel (watch state %u)",
				state);
			return -1;
		}
	}
	dev_named = iface_name(mnl_attr_get_u32(tb[HMIP_A_AR_IFINDEX]), dev,
			       sizeof(dev));
	if (tb[HMIP_A_AR_RELAY_FROM])
		from_named = iface_name(mnl_attr_get_u32(tb[HMIP_A_AR_RELAY_FROM]),
					from, sizeof(from));

	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		json_print_string(jw, "kind", ar_kinds[kind]);
		if (dev_named)
			json_print_string(jw, "dev", dev);
		else
			json_print_null(jw, "dev");
		json_print_u64(jw, "ifindex",
			       mnl_attr_get_u32(tb[HMIP_A_AR_IFINDEX]));
		if (tb[HMIP_A_AR_RELAY_FROM]) {
			if (from_named)
				json_print_string(jw, "relay_from", from);
			else
				json_print_null(jw, "relay_from");
		}
		if (tb[HMIP_A_AR_MAP_ADDR])
			json_print_string(jw, "map", addr);
		if (kind == HMIP_AR_KIND_NEIGHBOUR) {
			json_print_string(jw, "neighbour", nbr);
			json_print_string(jw, "prefix", prefix);
			json_print_u64(jw, "prefix_len", plen);
			json_print_string(jw, "ap", ap);
			if (tb[HMIP_A_AR_NBR_LLA])
				json_print_string(jw, "lla", lla);
		}
		if (tb[HMIP_A_AR_HI_NCOA])
			json_print_string(jw, "ncoa", ncoa);
	} else {
		/* "hmip save": what was configured, not what was heard */
		if (hmip_opts.save && !event) {
			if (kind == HMIP_AR_KIND_LEARNED)
				return 0;
			fputs("ar replace ", stdout);
		}
		if (event)
			putchar(' ');
		if (kind == HMIP_AR_KIND_LEARNED)
			fputs("learned ", stdout);
		printf("dev %s", dev);
		if (tb[HMIP_A_AR_RELAY_FROM])
			printf(" relay-from %s", from);
		if (tb[HMIP_A_AR_MAP_ADDR])
			printf(" map %s", addr);
		if (kind == HMIP_AR_KIND_NEIGHBOUR)
			printf(" neighbour %s prefix %s/%u ap %s", nbr, prefix,
			       plen, ap);
		if (tb[HMIP_A_AR_NBR_LLA])
			printf(" lla %s", lla);
		if (tb[HMIP_A_AR_HI_NCOA])
			printf(" ncoa %s", ncoa);
	}
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (!tb[fields[i].attr] || (hmip_opts.save && !jw &&
					    fields[i].attr == HMIP_A_AR_REMAINING))
			continue;
		if (mnl_attr_get_payload_len(tb[fields[i].attr]) == 1)
			val = mnl_attr_get_u8(tb[fields[i].attr]);
		else
			val = mnl_attr_get_u32(tb[fields[i].attr]);
		if (jw && fields[i].onoff)
			json_print_bool(jw, fields[i].json, val);
		else if (jw)
			json_print_u64(jw, fields[i].json, val);
		else if (fields[i].onoff)
			printf(" %s %s", fields[i].name, val ? "on" : "off");
		else
			printf(" %s %llu", fields[i].name,
			       (unsigned long long)val);
	}
	if (tb[HMIP_A_AR_WATCH_STATE] && state != HMIP_AR_WATCH_OFF &&
	    !(hmip_opts.save && !jw)) {
		if (jw)
			json_print_string(jw, "state", ar_states[state]);
		else
			printf(" state %s", ar_states[state]);
	}
	if (event)
		return 0;
	if (jw)
		json_close_object(jw);
	else
		putchar('\n');
	return 0;
}

static int ar_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = show_nest(nlh, HMIP_A_AR, "ar entry");

	if (!nest || ar_print(show_next(data), nest, false))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* show_run()'s key of the role: none, the request is not a dump */
static void ar_put_role(struct nlmsghdr *nlh, const void *arg)
{
	(void)nlh;
	(void)arg;
}

static int ar_role_show(int argc, const char *argv[])
{
	int ret = cli_no_more_args(argc, argv);

	if (ret)
		return ret;
	return show_run(HMIP_CMD_AR_GET, ar_put_role, NULL, ar_show_cb,
			ar_attr_name);
}

static int ar_role_set(int argc, const char *argv[])
{
	struct nlattr *nest;
	struct nlmsghdr *nlh;
	struct nl_ctx *nl;
	uint32_t rfc;
	int ret;

	if (argc < 1 || strcmp(argv[0], "rfc"))
		return cli_usage_err("expected \"rfc { 4140 | 5380 }\"");
	if (argc < 2)
		return cli_usage_err("\"rfc\" needs a value");
	ret = cli_parse_rfc("rfc", argv[1], &rfc);
	if (ret)
		return ret;
	ret = cli_no_more_args(argc - 2, argv + 2);
	if (ret)
		return ret;
	ret = nl_open(&nl);
	if (ret)
		return ret;
	nlh = nl_request(nl, HMIP_CMD_AR_SET, 0);
	nest = mnl_attr_nest_start(nlh, HMIP_A_AR);
	mnl_attr_put_u16(nlh, HMIP_A_AR_RFC, rfc);
	mnl_attr_nest_end(nlh, nest);
	ret = nl_talk(nl, NULL, NULL, ar_attr_name);
	nl_close(nl);
	return ret;
}

static const struct cli_cmd ar_role_cmds[] = {
	{ .name = "show", .fn = ar_role_show },
	{ .name = "set", .fn = ar_role_set },
	{ .name = "help", .fn = ar_help },
};

static int ar_role(int argc, const char *argv[])
{
	return cli_dispatch("ar role", ar_role_cmds, ARRAY_SIZE(ar_role_cmds),
			    argc, argv);
}

static int ar_show(int argc, const char *argv[])
{
	struct show show = {};
	struct nl_ctx *nl;
	int ret;

	if (argc > 0 && !strcmp(argv[0], "help"))
		return ar_help(0, NULL);
	ret = cli_no_more_args(argc, argv);
	if (ret)
		return ret;
	/* "hmip save": the role first, relays need it */
	if (hmip_opts.save) {
		ret = ar_role_show(0, NULL);
		if (ret)
			return ret;
	}
	ret = nl_open(&nl);
	if (ret)
		return ret;
	nl_request(nl, HMIP_CMD_AR_GET, NLM_F_DUMP);
	ret = nl_stream(nl, ar_show_cb, &show, ar_attr_name);
	nl_close(nl);
	show_end(&show, ret);
	return ret;
}

static int ar_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip ar add dev IFACE map ADDRESS [ OPTIONS ]\n");
	printf("       hmip ar add dev IFACE relay-from IFACE\n");
	printf("       hmip ar change dev IFACE map ADDRESS [ OPTIONS ]\n");
	printf("       hmip ar replace dev IFACE { map ADDRESS [ OPTIONS ] | relay-from IFACE }\n");
	printf("       hmip ar del dev IFACE { map ADDRESS | relay-from IFACE }\n");
	printf("       hmip ar add dev IFACE neighbour ADDRESS prefix PREFIX/LEN\n");
	printf("                   ap LLA [ lla LLA ]\n");
	printf("       hmip ar change dev IFACE neighbour ADDRESS\n");
	printf("                   [ prefix PREFIX/LEN ] [ ap LLA ] [ lla { LLA | none } ]\n");
	printf("       hmip ar del dev IFACE neighbour ADDRESS\n");
	printf("       hmip ar prepare dev IFACE mn ADDRESS neighbour ADDRESS\n");
	printf("       hmip ar [ show ]\n");
	printf("       hmip ar role set rfc { 4140 | 5380 }\n");
	printf("       hmip ar role [ show ]\n");
	printf("       hmip ar help\n");
	printf("where  OPTIONS := [ dist 1-15 ] [ pref 0-15 ] [ valid-lifetime SECS ]\n");
	printf("                  [ rflag { on | off } ] [ watch { on | off } ]\n");
	printf("                  [ probe-interval 100-3600000 ]\n");
	printf("                  [ retry-interval 100-3600000 ] [ retry-time 0-3600000 ]\n");
	printf("                  [ require-ipsec { on | off } ] [ buffer-packets 1-65536 ]\n");
	printf("                  [ buffer-entries 1-4096 ] [ buffer-lifetime 100-60000 ]\n");
	printf("The role's rfc, for the whole namespace, says which specification's\n");
	printf("rules apply where RFC 4140 and RFC 5380 differ (default 5380); relays\n");
	printf("(dynamic MAP discovery) exist only with 4140.\n");
	printf("A neighbour is an access router that mobile nodes on IFACE may move to\n");
	printf("(FMIPv6); LLA is a link-layer address, hexadecimal octets separated by\n");
	printf("colons: its access point's (ap), its own (lla).\n");
	printf("As a new access router of a fast handover, IFACE takes Handover Initiates\n");
	printf("from the MAP, under IPsec unless require-ipsec is off, and holds packets\n");
	printf("for an NCoA (buffer-lifetime in ms). \"prepare\" sends the mobile node an\n");
	printf("unsolicited Proxy Router Advertisement about the neighbour.\n");
	return 0;
}

static const struct cli_cmd ar_cmds[] = {
	{ .name = "show", .fn = ar_show },
	{ .name = "add", .fn = ar_add },
	{ .name = "change", .fn = ar_change },
	{ .name = "replace", .fn = ar_replace },
	{ .name = "del", .fn = ar_del },
	{ .name = "prepare", .fn = ar_prepare },
	{ .name = "role", .fn = ar_role },
	{ .name = "help", .fn = ar_help },
};

int ar_main(int argc, const char *argv[])
{
	return cli_dispatch("ar", ar_cmds, ARRAY_SIZE(ar_cmds), argc, argv);
}
