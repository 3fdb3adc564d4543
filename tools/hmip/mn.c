// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the mn object, the mobile node role of this node's interfaces
 * (RFC 4140 sections 6.1 and 9).
 *
 *	hmip mn add dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip mn change dev IFACE [ OPTIONS ]
 *	hmip mn replace dev IFACE [ OPTIONS ] [ tunnel NAME ]
 *	hmip mn del dev IFACE
 *	hmip mn prepare dev IFACE ar ADDRESS
 *	hmip mn [ show [ dev IFACE ] ]
 *
 * "prepare" is the layer-2 trigger of a fast handover (RFC 5568): the node
 * asks its access router about the access router ADDRESS it is about to
 * move to, and forms its new care-of address there ("fast-handover" line).
 *
 * OPTIONS are policy, map, lifetime, require-ipsec, home, ha, mode and rfc.
 * "map ADDRESS" is the MAP of policy fixed and implies it; policy fixed
 * needs it. "home ADDRESS/LEN" and "ha ADDRESS" (or "ha discover", Dynamic
 * Home Agent Address Discovery) go together: the home registration (RFC
 * 6275 section 11). The tool
 * checks the names of the policies and the range of the lifetime, the
 * kernel the rest. An interface prints as a block of lines (its settings,
 * in the form of the arguments of "mn add"; its LCoA; one line per
 * registration and per MAP option heard), or with -j as one object of a
 * JSON array.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "cli.h"
#include "iface.h"
#include "json.h"
#include "mn.h"
#include "nl.h"
#include "show.h"

/* the lifetime a mobile node may ask for, as hmip_mn_attr says */
#define MN_LIFETIME_MIN		4
#define MN_LIFETIME_MAX		262140

/* what mn_parse() returns after printing the help asked for */
#define MN_HELP			(-1)

enum {
	MN_KW_DEV,
	MN_KW_POLICY,
	MN_KW_MAP,
	MN_KW_LIFETIME,
	MN_KW_REQUIRE_IPSEC,
	MN_KW_HOME,
	MN_KW_HA,
	MN_KW_MODE,
	MN_KW_TUNNEL,
	MN_KW_RFC,
	MN_KW_RCOA,
	MN_KW_AR,
	MN_KW_HELP,
};

/* the keywords "mn add" takes, and "mn change" but tunnel */
#define MN_KW_ALL	((1U << MN_KW_AR) - 1)

/**
 * struct mn_keyword - a keyword of the mn commands
 * @name: the keyword
 * @attr: its attribute in HMIP_A_MN, HMIP_A_MN_*
 */
struct mn_keyword {
	const char *name;
	uint16_t attr;
};

static const struct mn_keyword mn_keywords[] = {
	[MN_KW_DEV] = { "dev", HMIP_A_MN_IFINDEX },
	[MN_KW_POLICY] = { "policy", HMIP_A_MN_POLICY },
	[MN_KW_MAP] = { "map", HMIP_A_MN_FIXED_MAP },
	[MN_KW_LIFETIME] = { "lifetime", HMIP_A_MN_LIFETIME },
	[MN_KW_REQUIRE_IPSEC] = { "require-ipsec", HMIP_A_MN_REQUIRE_IPSEC },
	[MN_KW_HOME] = { "home", HMIP_A_MN_HOME },
	[MN_KW_HA] = { "ha", HMIP_A_MN_HA },
	[MN_KW_MODE] = { "mode", HMIP_A_MN_MODE },
	[MN_KW_TUNNEL] = { "tunnel", HMIP_A_MN_TUNNEL_NAME },
	[MN_KW_RFC] = { "rfc", HMIP_A_MN_RFC },
	[MN_KW_RCOA] = { "rcoa", HMIP_A_MN_RCOA },
	[MN_KW_AR] = { "ar", HMIP_A_MN_PREPARE_AR },
	[MN_KW_HELP] = { "help", 0 },
};

/* The words of "policy", by HMIP_MN_POLICY_* */
static const char *const mn_policies[] = {
	[HMIP_MN_POLICY_FURTHEST] = "furthest",
	[HMIP_MN_POLICY_NEAREST] = "nearest",
	[HMIP_MN_POLICY_FIXED] = "fixed",
	NULL
};

/* The states of a registration, by HMIP_MN_REG_* */
static const char *const mn_states[] = {
	[HMIP_MN_REG_REGISTERING] = "registering",
	[HMIP_MN_REG_REGISTERED] = "registered",
	[HMIP_MN_REG_REJECTED] = "rejected",
	NULL
};

/* The words of "mode", by HMIP_MN_MODE_* */
static const char *const mn_modes[] = {
	[HMIP_MN_MODE_HMIP] = "hmip",
	[HMIP_MN_MODE_MIPV6] = "mipv6",
	NULL
};

/* The states of the home registration, by HMIP_MN_HOME_* */
static const char *const mn_home_states[] = {
	[HMIP_MN_HOME_IDLE] = "idle",
	[HMIP_MN_HOME_REGISTERING] = "registering",
	[HMIP_MN_HOME_REGISTERED] = "registered",
	[HMIP_MN_HOME_REJECTED] = "rejected",
	[HMIP_MN_HOME_AT_HOME] = "home",
	NULL
};

static const char *const mn_on_off[] = { "off", "on", NULL };
static const char *const mn_current[] = { "previous", "current", NULL };

/**
 * struct mn_args - the arguments of an mn command
 * @given: which keywords were given, by MN_KW_*
 * @values: the interface index for "dev", HMIP_MN_POLICY_* for "policy",
 *	the seconds of "lifetime", 0 or 1 for "require-ipsec"
 * @map: the MAP's address, for "map"
 * @home: the home address and its prefix length, for "home"
 * @ha: the home agent's address, for "ha"
 * @ha_discover: "ha discover"
 * @rcoa: the RCoA a MAP allocated, for "rcoa" (:: for "none")
 * @tunnel: the name of the tunnel device, for "tunnel"
 * @ar: the new access router, for "ar"
 */
struct mn_args {
	bool given[MN_KW_HELP];
	uint32_t values[MN_KW_HELP];
	struct in6_addr map;
	struct in6_addr ar;
	struct addr_prefix home;
	struct in6_addr ha;
	bool ha_discover;
	struct in6_addr rcoa;
	char tunnel[IFNAMSIZ];
};

static int mn_help(int argc, const char *argv[]);

static int mn_parse_value(int k, const char *word, struct mn_args *args)
{
	const char *name = mn_keywords[k].name;
	uint32_t *val = &args->values[k];

	switch (k) {
	case MN_KW_DEV:
		return iface_parse(name, word, val);
	case MN_KW_POLICY:
		return cli_parse_word(name, word, mn_policies,
				      ARRAY_SIZE(mn_policies), val);
	case MN_KW_MAP:
		return addr_parse(word, &args->map);
	case MN_KW_LIFETIME:
		return cli_parse_u32(name, word, MN_LIFETIME_MIN,
				     MN_LIFETIME_MAX, val);
	case MN_KW_REQUIRE_IPSEC:
		return cli_parse_on_off(name, word, val);
	case MN_KW_HOME:
		if (addr_parse_prefix(word, &args->home))
			return HMIP_EXIT_USAGE;
		if (!args->home.len)
			return cli_usage_err("\"home\" needs a prefix length from 1 to 128");
		return 0;
	case MN_KW_HA:
		if (!strcmp(word, "discover")) {
			args->ha_discover = true;
			return 0;
		}
		return addr_parse(word, &args->ha);
	case MN_KW_MODE:
		return cli_parse_word(name, word, mn_modes,
				      ARRAY_SIZE(mn_modes), val);
	case MN_KW_RFC:
		return cli_parse_rfc(name, word, val);
	case MN_KW_AR:
		return addr_parse(word, &args->ar);
	case MN_KW_RCOA:
		if (!strcmp(word, "none")) {
			memset(&args->rcoa, 0, sizeof(args->rcoa));
			return 0;
		}
		return addr_parse(word, &args->rcoa);
	default:
		return iface_parse_name(name, word, args->tunnel);
	}
}

/*
 * The arguments of an mn command, the keywords of @allowed (a mask of
 * 1 << MN_KW_*) and no others: 0, MN_HELP after printing the help, or
 * HMIP_EXIT_USAGE after a usage error. "map" alone brings "policy fixed".
 */
static int mn_parse(int argc, const char *argv[], unsigned int allowed,
		    struct mn_args *args)
{
	const char *name;
	int i, k, ret;

	memset(args, 0, sizeof(*args));
	for (i = 0; i < argc; i += 2) {
		k = cli_lookup("argument", argv[i], mn_keywords);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == MN_KW_HELP) {
			mn_help(0, NULL);
			return MN_HELP;
		}
		name = mn_keywords[k].name;
		if (k == MN_KW_TUNNEL && !(allowed & 1U << k))
			return cli_usage_err("\"%s\" is only for \"mn add\"", name);
		if (!(allowed & 1U << k))
			return cli_usage_err("unexpected argument \"%s\"", argv[i]);
		if (i + 1 >= argc)
			return cli_usage_err("\"%s\" needs a value", name);
		if (args->given[k])
			return cli_usage_err("\"%s\" is given twice", name);
		ret = mn_parse_value(k, argv[i + 1], args);
		if (ret)
			return ret;
		args->given[k] = true;
	}

	if (!args->given[MN_KW_MAP]) {
		if (args->given[MN_KW_POLICY] &&
		    args->values[MN_KW_POLICY] == HMIP_MN_POLICY_FIXED)
			return cli_usage_err("\"policy fixed\" needs \"map ADDRESS\"");
	} else if (!args->given[MN_KW_POLICY]) {
		args->given[MN_KW_POLICY] = true;
		args->values[MN_KW_POLICY] = HMIP_MN_POLICY_FIXED;
	} else if (args->values[MN_KW_POLICY] != HMIP_MN_POLICY_FIXED) {
		return cli_usage_err("\"map ADDRESS\" goes with \"policy fixed\" only");
	}
	return 0;
}

/* HMIP_A_MN with the keywords given. */
static void mn_put(struct nlmsghdr *nlh, const struct mn_args *args)
{
	struct nlattr *nest;
	uint16_t attr;
	size_t k;

	nest = mnl_attr_nest_start(nlh, HMIP_A_MN);
	for (k = 0; k < ARRAY_SIZE(args->given); k++) {
		if (!args->given[k])
			continue;
		attr = mn_keywords[k].attr;
		switch (k) {
		case MN_KW_MAP:
			mnl_attr_put(nlh, attr, sizeof(args->map), &args->map);
			break;
		case MN_KW_AR:
			mnl_attr_put(nlh, attr, sizeof(args->ar), &args->ar);
			break;
		case MN_KW_RCOA:
			mnl_attr_put(nlh, attr, sizeof(args->rcoa), &args->rcoa);
			break;
		case MN_KW_HOME:
			mnl_attr_put(nlh, attr, sizeof(args->home.addr),
				     &args->home.addr);
			mnl_attr_put_u8(nlh, HMIP_A_MN_HOME_PLEN, args->home.len);
			break;
		case MN_KW_HA:
			if (args->ha_discover)
				mnl_attr_put_u8(nlh, HMIP_A_MN_HA_DISCOVER, 1);
			else
				mnl_attr_put(nlh, attr, sizeof(args->ha),
					     &args->ha);
			break;
		case MN_KW_POLICY:
		case MN_KW_MODE:
		case MN_KW_REQUIRE_IPSEC:
			mnl_attr_put_u8(nlh, attr, args->values[k]);
			break;
		case MN_KW_TUNNEL:
			mnl_attr_put_strz(nlh, attr, args->tunnel);
			break;
		case MN_KW_RFC:
			mnl_attr_put_u16(nlh, attr, args->values[k]);
			break;
		default:
			mnl_attr_put_u32(nlh, attr, args->values[k]);
		}
	}
	mnl_attr_nest_end(nlh, nest);
}

/* Names the attributes of an mn request for error messages. */
static const char *mn_attr_name(const uint16_t *path, unsigned int depth)
{
	size_t i;

	if (depth != 2 || path[0] != HMIP_A_MN)
		return NULL;
	if (path[1] == HMIP_A_MN_HOME_PLEN)
		return mn_keywords[MN_KW_HOME].name;
	if (path[1] == HMIP_A_MN_HA_DISCOVER)
		return mn_keywords[MN_KW_HA].name;
	for (i = 0; i < MN_KW_HELP; i++)
		if (mn_keywords[i].attr == path[1])
			return mn_keywords[i].name;
	return NULL;
}

/* How a field of the kernel's answer prints, in text and in JSON. */
enum mn_kind {
	MN_NUM,		/* " name 7"; a number */
	MN_MS,		/* " name 35ms"; a number */
	MN_ADDR,	/* " name 2001:db8::1"; a string */
	MN_WORD,	/* " name word"; a string */
	MN_FLAG,	/* " name on": words[0] for 0, words[1] else; a boolean */
	MN_PREFIX,	/* " name 2001:db8::1/64"; a string: the address, and
			 * the length in the attribute after it
			 */
	MN_LLA,		/* " name 02:00:00:00:00:01"; a string: a link-layer
			 * address of 1 to 16 octets
			 */
};

/**
 * struct mn_field - a field of the kernel's answer
 * @attr: its attribute
 * @type: its type, MNL_TYPE_U8, _U16 or _U32; for MN_ADDR, 16 octets
 * @kind: how it prints
 * @name: its keyword in text; NULL for the value alone (a word)
 * @json: its member in JSON
 * @words: the words of MN_WORD, by value, NULL-terminated; a value
 *	without a word prints as its number (" @json N" in text if @name
 *	is NULL); for MN_FLAG, the words of 0 and of the other values
 */
struct mn_field {
	uint16_t attr;
	enum mnl_attr_data_type type;
	enum mn_kind kind;
	const char *name;
	const char *json;
	const char *const *words;
};

#define MN_FIELD(_attr, _type, _kind, _name, _json) \
	{ .attr = _attr, .type = MNL_TYPE_##_type, .kind = _kind, \
	  .name = _name, .json = _json }
#define MN_WORDS(_attr, _kind, _name, _json, _words) \
	{ .attr = _attr, .type = MNL_TYPE_U8, .kind = _kind, .name = _name, \
	  .json = _json, .words = _words }

/* the settings, on the first line after the interface */
static const struct mn_field mn_settings[] = {
	MN_WORDS(HMIP_A_MN_POLICY, MN_WORD, "policy", "policy", mn_policies),
	MN_FIELD(HMIP_A_MN_FIXED_MAP, BINARY, MN_ADDR, "map", "fixed_map"),
	MN_FIELD(HMIP_A_MN_LIFETIME, U32, MN_NUM, "lifetime", "lifetime"),
	MN_WORDS(HMIP_A_MN_REQUIRE_IPSEC, MN_FLAG, "require-ipsec",
		 "require_ipsec", mn_on_off),
	MN_WORDS(HMIP_A_MN_MODE, MN_WORD, "mode", "mode", mn_modes),
	MN_FIELD(HMIP_A_MN_HOME, BINARY, MN_PREFIX, "home", "home"),
	MN_FIELD(HMIP_A_MN_HA, BINARY, MN_ADDR, "ha", "ha"),
	MN_FIELD(HMIP_A_MN_RFC, U16, MN_NUM, "rfc", "rfc"),
	MN_FIELD(HMIP_A_MN_RCOA, BINARY, MN_ADDR, "rcoa", "rcoa"),
};

/* the home registration, a line of its own */
static const struct mn_field mn_home_fields[] = {
	MN_WORDS(HMIP_A_MN_HOME_STATE, MN_WORD, "home-registration", "state",
		 mn_home_states),
	MN_FIELD(HMIP_A_MN_HOME_COA, BINARY, MN_ADDR, "coa", "coa"),
	MN_FIELD(HMIP_A_MN_HOME_SEQ, U16, MN_NUM, "seq", "seq"),
	MN_FIELD(HMIP_A_MN_HOME_LIFETIME, U32, MN_NUM, "lifetime", "lifetime"),
	MN_FIELD(HMIP_A_MN_HOME_REMAINING, U32, MN_NUM, "remaining",
		 "remaining"),
	MN_FIELD(HMIP_A_MN_HOME_NEXT_MS, U32, MN_MS, "next", "next_ms"),
	MN_FIELD(HMIP_A_MN_HOME_STATUS, U8, MN_NUM, "status", "status"),
	MN_FIELD(HMIP_A_MN_HOME_RETRIES, U32, MN_NUM, "retries", "retries"),
	MN_FIELD(HMIP_A_MN_HOME_HA, BINARY, MN_ADDR, "ha", "ha"),
	MN_FIELD(HMIP_A_MN_HOME_DHAAD_REQUESTS, U32, MN_NUM, "dhaad-requests",
		 "dhaad_requests"),
};

/* where the node is: the second line; "hmip monitor" prints the LCoA */
static const struct mn_field mn_where[] = {
	MN_FIELD(HMIP_A_MN_LCOA, BINARY, MN_ADDR, "lcoa", "lcoa"),
	MN_FIELD(HMIP_A_MN_ROUTER, BINARY, MN_ADDR, "router", "router"),
	MN_FIELD(HMIP_A_MN_MOVES, U32, MN_NUM, "moves", "moves"),
	MN_FIELD(HMIP_A_MN_HANDOVER_MS, U32, MN_MS, "handover", "handover_ms"),
	MN_FIELD(HMIP_A_MN_TUNNEL_MTU, U32, MN_NUM, "tunnel-mtu", "tunnel_mtu"),
};

/* The states of a fast handover's preparation, by HMIP_MN_FMIP_* */
static const char *const mn_fmip_states[] = {
	[HMIP_MN_FMIP_NONE] = "none",
	[HMIP_MN_FMIP_SOLICITING] = "soliciting",
	[HMIP_MN_FMIP_READY] = "ready",
	[HMIP_MN_FMIP_UNKNOWN] = "unknown",
	[HMIP_MN_FMIP_FAILED] = "failed",
	NULL
};

/* The states of its Fast Binding Update, by HMIP_MN_FBU_* */
static const char *const mn_fbu_states[] = {
	[HMIP_MN_FBU_NONE] = "none",
	[HMIP_MN_FBU_SENT] = "sent",
	[HMIP_MN_FBU_ACKED] = "acked",
	[HMIP_MN_FBU_REFUSED] = "refused",
	[HMIP_MN_FBU_TIMEOUT] = "timeout",
	[HMIP_MN_FBU_REACTIVE] = "reactive",
	NULL
};

/* The NCoA configured on arrival, by HMIP_MN_ARRIVAL_* */
static const char *const mn_arrival_states[] = {
	[HMIP_MN_ARRIVAL_NONE] = "none",
	[HMIP_MN_ARRIVAL_ASSUMED] = "assumed",
	[HMIP_MN_ARRIVAL_CONFIRMED] = "confirmed",
	[HMIP_MN_ARRIVAL_REMOVED] = "removed",
	[HMIP_MN_ARRIVAL_FAILED] = "failed",
	NULL
};

static const char *const mn_no_sent[] = { "no", "sent", NULL };
static const char *const mn_no_yes[] = { "no", "yes", NULL };

/* the last fast handover's preparation, a line of its own; the first
 * four are "hmip monitor"'s summary
 */
static const struct mn_field mn_fmip_fields[] = {
	MN_WORDS(HMIP_A_MN_FMIP_STATE, MN_WORD, "fast-handover", "state",
		 mn_fmip_states),
	MN_FIELD(HMIP_A_MN_FMIP_AR, BINARY, MN_ADDR, "ar", "ar"),
	MN_FIELD(HMIP_A_MN_FMIP_NCOA, BINARY, MN_ADDR, "ncoa", "ncoa"),
	MN_WORDS(HMIP_A_MN_FMIP_FBU, MN_WORD, "fbu", "fbu", mn_fbu_states),
	MN_FIELD(HMIP_A_MN_FMIP_FBU_SEQ, U16, MN_NUM, "fbu-seq", "fbu_seq"),
	MN_FIELD(HMIP_A_MN_FMIP_FBU_TRIES, U32, MN_NUM, "fbu-tries",
		 "fbu_tries"),
	MN_FIELD(HMIP_A_MN_FMIP_FBACK_STATUS, U8, MN_NUM, "fback-status",
		 "fback_status"),
	MN_WORDS(HMIP_A_MN_FMIP_UNA, MN_FLAG, "una", "una", mn_no_sent),
	MN_WORDS(HMIP_A_MN_FMIP_UNSOLICITED, MN_FLAG, "network-initiated",
		 "network_initiated", mn_no_yes),
	MN_WORDS(HMIP_A_MN_FMIP_ARRIVAL, MN_WORD, "arrival", "arrival",
		 mn_arrival_states),
	MN_FIELD(HMIP_A_MN_FMIP_PREFIX, BINARY, MN_PREFIX, "prefix", "prefix"),
	MN_FIELD(HMIP_A_MN_FMIP_MAP, BINARY, MN_ADDR, "map", "map"),
	MN_FIELD(HMIP_A_MN_FMIP_AP, BINARY, MN_LLA, "ap", "ap"),
	MN_FIELD(HMIP_A_MN_FMIP_AR_LLA, BINARY, MN_LLA, "ar-lla", "ar_lla"),
	MN_FIELD(HMIP_A_MN_FMIP_ROUTER, BINARY, MN_ADDR, "router", "router"),
	MN_FIELD(HMIP_A_MN_FMIP_CODE, U8, MN_NUM, "code", "code"),
	MN_FIELD(HMIP_A_MN_FMIP_REQUESTS, U32, MN_NUM, "requests", "requests"),
};

static const struct mn_field mn_reg_fields[] = {
	MN_FIELD(HMIP_A_MN_REG_MAP, BINARY, MN_ADDR, "map", "map"),
	MN_FIELD(HMIP_A_MN_REG_RCOA, BINARY, MN_ADDR, "rcoa", "rcoa"),
	MN_FIELD(HMIP_A_MN_REG_LCOA, BINARY, MN_ADDR, "lcoa", "lcoa"),
	MN_WORDS(HMIP_A_MN_REG_CURRENT, MN_FLAG, NULL, "current", mn_current),
	MN_WORDS(HMIP_A_MN_REG_STATE, MN_WORD, NULL, "state", mn_states),
	MN_FIELD(HMIP_A_MN_REG_SEQ, U16, MN_NUM, "seq", "seq"),
	MN_FIELD(HMIP_A_MN_REG_LIFETIME, U32, MN_NUM, "lifetime", "lifetime"),
	MN_FIELD(HMIP_A_MN_REG_REMAINING, U32, MN_NUM, "remaining", "remaining"),
	MN_FIELD(HMIP_A_MN_REG_NEXT_MS, U32, MN_MS, "next", "next_ms"),
	MN_FIELD(HMIP_A_MN_REG_STATUS, U8, MN_NUM, "status", "status"),
	MN_FIELD(HMIP_A_MN_REG_RETRIES, U32, MN_NUM, "retries", "retries"),
};

/* what "hmip monitor" prints of the current registration */
static const struct mn_field mn_reg_summary[] = {
	MN_FIELD(HMIP_A_MN_REG_MAP, BINARY, MN_ADDR, "map", "map"),
	MN_FIELD(HMIP_A_MN_REG_RCOA, BINARY, MN_ADDR, "rcoa", "rcoa"),
	MN_FIELD(HMIP_A_MN_REG_STATUS, U8, MN_NUM, "status", "status"),
};

static const struct mn_field mn_opt_fields[] = {
	MN_FIELD(HMIP_A_MN_OPT_MAP, BINARY, MN_ADDR, "option", "map"),
	MN_FIELD(HMIP_A_MN_OPT_DIST, U8, MN_NUM, "dist", "dist"),
	MN_FIELD(HMIP_A_MN_OPT_PREF, U8, MN_NUM, "pref", "pref"),
	MN_WORDS(HMIP_A_MN_OPT_RFLAG, MN_FLAG, "rflag", "rflag", mn_on_off),
	MN_FIELD(HMIP_A_MN_OPT_VALID_LIFETIME, U32, MN_NUM, "valid-lifetime",
		 "valid_lifetime"),
	MN_FIELD(HMIP_A_MN_OPT_REMAINING, U32, MN_NUM, "remaining", "remaining"),
	MN_FIELD(HMIP_A_MN_OPT_ROUTER, BINARY, MN_ADDR, "router", "router"),
};

/* The value of a u8, u16 or u32 attribute, its size checked. */
static uint32_t mn_attr_uint(const struct nlattr *attr)
{
	switch (mnl_attr_get_payload_len(attr)) {
	case sizeof(uint8_t):
		return mnl_attr_get_u8(attr);
	case sizeof(uint16_t):
		return mnl_attr_get_u16(attr);
	}
	return mnl_attr_get_u32(attr);
}

/* @words[@val], or NULL if @words (NULL-terminated) has no such word. */
static const char *mn_word(const char *const *words, uint32_t val)
{
	uint32_t i;

	for (i = 0; words[i]; i++)
		if (i == val)
			return words[i];
	return NULL;
}

/* A link-layer address as "xx:xx:..." into @buf (ADDR_PREFIX_STRLEN). */
static int mn_lla_str(const struct nlattr *attr, char *buf)
{
	const uint8_t *p = mnl_attr_get_payload(attr);
	uint16_t i, n = mnl_attr_get_payload_len(attr);

	if (!n || n > 16) {
		cli_err("malformed answer from the kernel (a link-layer address of %u octets)",
			n);
		return -1;
	}
	for (i = 0; i < n; i++)
		buf += sprintf(buf, "%s%02x", i ? ":" : "", p[i]);
	return 0;
}

/*
 * The value of the field @f, in @attr: the number into *@val, the value
 * as text into @buf (ADDR_PREFIX_STRLEN bytes). Return 0, or -1 after
 * printing that @attr is malformed.
 */
static int mn_field_value(const struct mn_field *f, const struct nlattr *attr,
			  char *buf, uint32_t *val)
{
	if (f->kind == MN_LLA)
		return mn_lla_str(attr, buf);
	/* a prefix's length: mn_print_fields() appends it */
	if (f->kind == MN_ADDR || f->kind == MN_PREFIX)
		return addr_attr_str(attr, buf);
	if (mnl_attr_validate(attr, f->type)) {
		cli_err("malformed answer from the kernel (attribute %u)",
			mnl_attr_get_type(attr));
		return -1;
	}
	*val = mn_attr_uint(attr);
	snprintf(buf, INET6_ADDRSTRLEN, "%u%s", *val,
		 f->kind == MN_MS ? "ms" : "");
	return 0;
}

/*
 * The fields of @fields that @tb holds, in that order: into @jw's open
 * object, or for @jw NULL as " name value" text on the current line.
 * With @check, print nothing: check their types. Return 0, or -1 after
 * printing that a field is malformed.
 */
static int mn_print_fields(struct json_writer *jw, const struct nlattr **tb,
			   const struct mn_field *fields, size_t count,
			   bool check)
{
	const struct mn_field *f;
	const char *name, *text;
	char buf[ADDR_PREFIX_STRLEN];
	uint32_t val;

	for (f = fields; f < fields + count; f++) {
		if (!tb[f->attr])
			continue;
		val = 0;
		if (mn_field_value(f, tb[f->attr], buf, &val))
			return -1;
		if (f->kind == MN_PREFIX) {
			/* HMIP_A_MN_HOME_PLEN follows HMIP_A_MN_HOME */
			const struct nlattr *len = tb[f->attr + 1];

			if (!len || mnl_attr_validate(len, MNL_TYPE_U8)) {
				cli_err("malformed answer from the kernel (a prefix without its length)");
				return -1;
			}
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 "/%u", mnl_attr_get_u8(len));
		}
		name = f->name;
		text = NULL;
		if (f->words)
			text = mn_word(f->words,
				       f->kind == MN_FLAG ? !!val : val);
		if (!text && f->kind == MN_WORD && !name)
			name = f->json;
		if (!text)
			text = buf;
		if (check)
			continue;

		if (!jw)
			printf(" %s%s%s", name ? name : "", name ? " " : "",
			       text);
		else if (f->kind == MN_NUM || f->kind == MN_MS)
			json_print_u64(jw, f->json, val);
		else if (f->kind == MN_FLAG)
			json_print_bool(jw, f->json, val);
		else
			json_print_string(jw, f->json, text);
	}
	return 0;
}

/**
 * struct mn_list - a kind of nest that HMIP_A_MN holds several of
 * @attr: its type, HMIP_A_MN_REG or HMIP_A_MN_OPT
 * @max: the highest attribute inside
 * @fields: their types, and how they print
 * @count: the number of entries of @fields
 * @json: the name of its array in JSON
 * @what: what it is, for error messages
 */
struct mn_list {
	uint16_t attr;
	unsigned int max;
	const struct mn_field *fields;
	size_t count;
	const char *json;
	const char *what;
};

/* room for the attributes of a registration or of a MAP option */
#define MN_NEST_MAX	(HMIP_A_MN_REG_MAX + HMIP_A_MN_OPT_MAX)

static const struct mn_list mn_regs = {
	HMIP_A_MN_REG, HMIP_A_MN_REG_MAX, mn_reg_fields,
	ARRAY_SIZE(mn_reg_fields), "registrations", "a registration",
};

static const struct mn_list mn_opts = {
	HMIP_A_MN_OPT, HMIP_A_MN_OPT_MAX, mn_opt_fields,
	ARRAY_SIZE(mn_opt_fields), "options", "a MAP option",
};

/* the home prefixes the home agent advertised, in the home registration */
static const struct mn_field mn_prefix_fields[] = {
	MN_FIELD(HMIP_A_MN_HPFX_PREFIX, BINARY, MN_PREFIX, "home-prefix",
		 "prefix"),
	MN_FIELD(HMIP_A_MN_HPFX_VALID, U32, MN_NUM, "valid", "valid"),
	MN_FIELD(HMIP_A_MN_HPFX_PREFERRED, U32, MN_NUM, "preferred",
		 "preferred"),
};

static const struct mn_list mn_prefixes = {
	HMIP_A_MN_HOME_PREFIX, HMIP_A_MN_HPFX_MAX, mn_prefix_fields,
	ARRAY_SIZE(mn_prefix_fields), "prefixes", "a home prefix",
};

/* The attributes of one nest of @list into @tb: 0, or -1 if malformed. */
static int mn_parse_entry(const struct nlattr *entry,
			  const struct mn_list *list, const struct nlattr **tb)
{
	/* the types are checked with the fields */
	static const enum mnl_attr_data_type any[MN_NEST_MAX + 1];

	memset(tb, 0, (MN_NEST_MAX + 1) * sizeof(*tb));
	if (nl_parse_nested(entry, tb, list->max, any) ||
	    mn_print_fields(NULL, tb, list->fields, list->count, true))
		return -1;
	/* the first field, the MAP, is what the entry is about */
	if (!tb[list->fields[0].attr]) {
		cli_err("malformed answer from the kernel (%s without its MAP)",
			list->what);
		return -1;
	}
	return 0;
}

/*
 * The @list nests of @nest: one indented line each, or with @jw one
 * object each of an array (left out if there are none). With @check,
 * print nothing but what is malformed. Return 0, or -1 after printing
 * that a nest is malformed.
 */
static int mn_print_list(struct json_writer *jw, const struct nlattr *nest,
			 const struct mn_list *list, bool check)
{
	const struct nlattr *tb[MN_NEST_MAX + 1];
	const struct nlattr *entry;
	bool open = false;

	mnl_attr_for_each_nested(entry, nest) {
		if (mnl_attr_get_type(entry) != list->attr)
			continue;
		if (mn_parse_entry(entry, list, tb))
			return -1;
		if (check)
			continue;
		if (jw && !open)
			json_open_array(jw, list->json);
		open = true;
		if (jw)
			json_open_object(jw, NULL);
		else
			fputs("   ", stdout);
		mn_print_fields(jw, tb, list->fields, list->count, false);
		if (jw)
			json_close_object(jw);
		else
			putchar('\n');
	}
	if (jw && open)
		json_close_array(jw);
	return 0;
}

/* For "hmip monitor": " home-registration STATE coa COA status N". */
static void mn_print_home_summary(const struct nlattr *nest)
{
	const struct nlattr *tb[HMIP_A_MN_HOME_MAX + 1] = {};
	static const enum mnl_attr_data_type any[HMIP_A_MN_HOME_MAX + 1];

	if (!nest || nl_parse_nested(nest, tb, HMIP_A_MN_HOME_MAX, any))
		return;
	mn_print_fields(NULL, tb, mn_home_fields, 2, false);
	mn_print_fields(NULL, tb, mn_home_fields + 6, 1, false);
}

/*
 * For "hmip monitor", in text: " dev m0 lcoa LCOA", then the MAP, the
 * RCoA and the status of the current registration if there is one, and
 * the home registration's state, care-of address and status.
 */
static void mn_print_summary(const struct nlattr *nest,
			     const struct nlattr **tb)
{
	const struct nlattr *rtb[MN_NEST_MAX + 1];
	const struct nlattr *entry;

	iface_print(NULL, tb[HMIP_A_MN_IFINDEX], "dev", NULL, NULL);
	mn_print_fields(NULL, tb, mn_where, 1, false);
	mnl_attr_for_each_nested(entry, nest) {
		if (mnl_attr_get_type(entry) != HMIP_A_MN_REG ||
		    mn_parse_entry(entry, &mn_regs, rtb) ||
		    !rtb[HMIP_A_MN_REG_CURRENT] ||
		    !mnl_attr_get_u8(rtb[HMIP_A_MN_REG_CURRENT]))
			continue;
		mn_print_fields(NULL, rtb, mn_reg_summary,
				ARRAY_SIZE(mn_reg_summary), false);
		break;
	}
	mn_print_home_summary(tb[HMIP_A_MN_HOME_REG]);
}

/*
 * The home agents discovery found, HMIP_A_MN_HOME_HA_LIST: " ha-list
 * A,B,...", or with @jw an array "ha_list". Return 0, or -1 after
 * printing that it is malformed (with @check, print nothing else).
 */
static int mn_print_ha_list(struct json_writer *jw, const struct nlattr *attr,
			    bool check)
{
	const struct in6_addr *list;
	char buf[INET6_ADDRSTRLEN];
	size_t i, n;

	if (!attr)
		return 0;
	n = mnl_attr_get_payload_len(attr) / sizeof(*list);
	if (!n || mnl_attr_get_payload_len(attr) % sizeof(*list)) {
		cli_err("malformed answer from the kernel (the home agents list)");
		return -1;
	}
	if (check)
		return 0;
	list = mnl_attr_get_payload(attr);
	if (jw)
		json_open_array(jw, "ha_list");
	else
		fputs(" ha-list ", stdout);
	for (i = 0; i < n; i++) {
		inet_ntop(AF_INET6, &list[i], buf, sizeof(buf));
		if (jw)
			json_print_string(jw, NULL, buf);
		else
			printf("%s%s", i ? "," : "", buf);
	}
	if (jw)
		json_close_array(jw);
	return 0;
}

/*
 * The home registration, HMIP_A_MN_HOME_REG: a line "home-registration
 * STATE coa ... tunnel NAME", or with @jw an object "home_registration".
 * With @check, print nothing. Return 0, or -1 after printing that it is
 * malformed.
 */
static int mn_print_home(struct json_writer *jw, const struct nlattr *nest,
			 bool check)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MN_HOME_MAX + 1] = {
		[HMIP_A_MN_HOME_TUNNEL_IFINDEX] = MNL_TYPE_U32,
	};
	const struct nlattr *tb[HMIP_A_MN_HOME_MAX + 1] = {};

	if (!nest)
		return 0;
	if (nl_parse_nested(nest, tb, HMIP_A_MN_HOME_MAX, policy) ||
	    mn_print_fields(NULL, tb, mn_home_fields,
			    ARRAY_SIZE(mn_home_fields), true) ||
	    mn_print_ha_list(NULL, tb[HMIP_A_MN_HOME_HA_LIST], true) ||
	    mn_print_list(NULL, nest, &mn_prefixes, true))
		return -1;
	if (check)
		return 0;
	if (jw)
		json_open_object(jw, "home_registration");
	else
		fputs("   ", stdout);
	mn_print_fields(jw, tb, mn_home_fields, ARRAY_SIZE(mn_home_fields),
			false);
	mn_print_ha_list(jw, tb[HMIP_A_MN_HOME_HA_LIST], false);
	if (tb[HMIP_A_MN_HOME_TUNNEL_IFINDEX])
		iface_print(jw, tb[HMIP_A_MN_HOME_TUNNEL_IFINDEX], "tunnel",
			    "tunnel", "tunnel_ifindex");
	if (!jw)
		putchar('\n');
	mn_print_list(jw, nest, &mn_prefixes, false);
	if (jw)
		json_close_object(jw);
	return 0;
}

/*
 * The last fast handover's preparation, HMIP_A_MN_FMIP: a line
 * "fast-handover STATE ar ... ncoa ...", or with @jw an object
 * "fast_handover"; with @summary, for "hmip monitor", its state, new
 * access router, new care-of address and Fast Binding Update on the
 * current line. With @check, print nothing. Return 0, or -1 after printing that it is
 * malformed.
 */
static int mn_print_fmip(struct json_writer *jw, const struct nlattr *nest,
			 bool check, bool summary)
{
	static const enum mnl_attr_data_type any[HMIP_A_MN_FMIP_MAX + 1];
	const struct nlattr *tb[HMIP_A_MN_FMIP_MAX + 1] = {};

	if (!nest)
		return 0;
	if (nl_parse_nested(nest, tb, HMIP_A_MN_FMIP_MAX, any) ||
	    mn_print_fields(NULL, tb, mn_fmip_fields,
			    ARRAY_SIZE(mn_fmip_fields), true))
		return -1;
	if (check)
		return 0;
	if (summary) {
		mn_print_fields(NULL, tb, mn_fmip_fields, 4, false);
		return 0;
	}
	if (jw)
		json_open_object(jw, "fast_handover");
	else
		fputs("   ", stdout);
	mn_print_fields(jw, tb, mn_fmip_fields, ARRAY_SIZE(mn_fmip_fields),
			false);
	if (jw)
		json_close_object(jw);
	else
		putchar('\n');
	return 0;
}

/* " ha discover" after the settings, or with @jw "ha_discover". */
static int mn_print_discover(struct json_writer *jw, const struct nlattr *attr,
			     bool check)
{
	if (!attr)
		return 0;
	if (mnl_attr_validate(attr, MNL_TYPE_U8)) {
		cli_err("malformed answer from the kernel (attribute %u)",
			mnl_attr_get_type(attr));
		return -1;
	}
	if (check)
		return 0;
	if (jw)
		json_print_bool(jw, "ha_discover", mnl_attr_get_u8(attr));
	else if (mnl_attr_get_u8(attr))
		fputs(" ha discover", stdout);
	return 0;
}

/* Whether @tb holds one of @fields. */
static bool mn_has_fields(const struct nlattr **tb,
			  const struct mn_field *fields, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (tb[fields[i].attr])
			return true;
	return false;
}

/**
 * mn_print() - print the mobile node of an interface, one HMIP_A_MN nest
 * @jw: a JSON writer, NULL for text
 * @nest: the nest
 * @event: for "hmip monitor": in text, " dev IFACE lcoa LCOA map MAP rcoa
 *	RCOA status N" after the event's name (what the nest holds of it);
 *	in JSON, the members of the mobile node in @jw's open object.
 *	Otherwise in text, the lines of "mn show"; in JSON, one object in
 *	@jw's open array.
 *
 * Attributes the kernel leaves out are not printed. Every attribute is
 * checked before anything is printed.
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int mn_print(struct json_writer *jw, const struct nlattr *nest, bool event)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MN_MAX + 1] = {
		[HMIP_A_MN_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_MN_TUNNEL_IFINDEX] = MNL_TYPE_U32,
		[HMIP_A_MN_OPT] = MNL_TYPE_NESTED,
		[HMIP_A_MN_REG] = MNL_TYPE_NESTED,
		[HMIP_A_MN_HOME_REG] = MNL_TYPE_NESTED,
		[HMIP_A_MN_FMIP] = MNL_TYPE_NESTED,
		/* the others are checked with the fields */
	};
	const struct nlattr *tb[HMIP_A_MN_MAX + 1] = {};
	const struct nlattr *tunnel;
	char dev[IFACE_STRLEN];

	if (nl_parse_nested(nest, tb, HMIP_A_MN_MAX, policy))
		return -1;
	if (!tb[HMIP_A_MN_IFINDEX]) {
		cli_err("malformed answer from the kernel (a mobile node without its interface)");
		return -1;
	}
	if (mn_print_fields(NULL, tb, mn_settings, ARRAY_SIZE(mn_settings),
			    true) ||
	    mn_print_fields(NULL, tb, mn_where, ARRAY_SIZE(mn_where), true) ||
	    mn_print_list(NULL, nest, &mn_regs, true) ||
	    mn_print_list(NULL, nest, &mn_opts, true) ||
	    mn_print_home(NULL, tb[HMIP_A_MN_HOME_REG], true) ||
	    mn_print_fmip(NULL, tb[HMIP_A_MN_FMIP], true, false) ||
	    mn_print_discover(NULL, tb[HMIP_A_MN_HA_DISCOVER], true))
		return -1;
	tunnel = tb[HMIP_A_MN_TUNNEL_IFINDEX];

	if (!jw && event) {
		mn_print_summary(nest, tb);
		mn_print_fmip(NULL, tb[HMIP_A_MN_FMIP], false, true);
		return 0;
	}
	/* "hmip save": the settings alone, as the command that makes them */
	if (!jw && hmip_opts.save) {
		iface_name(mnl_attr_get_u32(tb[HMIP_A_MN_IFINDEX]), dev,
			   sizeof(dev));
		printf("mn replace dev %s", dev);
		mn_print_fields(NULL, tb, mn_settings, ARRAY_SIZE(mn_settings),
				false);
		mn_print_discover(NULL, tb[HMIP_A_MN_HA_DISCOVER], false);
		if (tunnel)
			iface_print(NULL, tunnel, "tunnel", "tunnel", NULL);
		putchar('\n');
		return 0;
	}
	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		iface_print(jw, tb[HMIP_A_MN_IFINDEX], "dev", "dev", "ifindex");
	} else {
		iface_name(mnl_attr_get_u32(tb[HMIP_A_MN_IFINDEX]), dev,
			   sizeof(dev));
		printf("%s:", dev);
	}
	mn_print_fields(jw, tb, mn_settings, ARRAY_SIZE(mn_settings), false);
	mn_print_discover(jw, tb[HMIP_A_MN_HA_DISCOVER], false);
	if (tunnel)
		iface_print(jw, tunnel, "tunnel", "tunnel", "tunnel_ifindex");
	if (!jw && mn_has_fields(tb, mn_where, ARRAY_SIZE(mn_where)))
		fputs("\n   ", stdout);
	mn_print_fields(jw, tb, mn_where, ARRAY_SIZE(mn_where), false);
	if (!jw)
		putchar('\n');
	mn_print_home(jw, tb[HMIP_A_MN_HOME_REG], false);
	mn_print_fmip(jw, tb[HMIP_A_MN_FMIP], false, false);
	mn_print_list(jw, nest, &mn_regs, false);
	mn_print_list(jw, nest, &mn_opts, false);
	if (jw && !event)
		json_close_object(jw);
	return 0;
}

static int mn_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *nest = show_nest(nlh, HMIP_A_MN, "mobile node");

	if (!nest || mn_print(show_next(data), nest, false))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* mn_run()'s command for "mn replace", which adds or changes */
#define MN_REPLACE	HMIP_CMD_UNSPEC

/*
 * Run an mn command that takes the keywords of @allowed (a mask of
 * 1 << MN_KW_*): "show" (HMIP_CMD_MN_GET) prints the answer, the others
 * only the kernel's refusal. MN_REPLACE is "mn add", or if the interface
 * runs the role already "mn change" with the same settings (but the
 * tunnel's name, which only a new mobile node takes; with "dev" alone
 * nothing changes). A script can run it again and again.
 */
static int mn_run(uint8_t cmd, unsigned int allowed, int argc,
		  const char *argv[])
{
	bool show = cmd == HMIP_CMD_MN_GET;
	struct show out = {};
	struct nlmsghdr *nlh;
	struct mn_args args;
	struct nl_ctx *nl;
	size_t k, given = 0, tunnel;
	int ret;

	ret = mn_parse(argc, argv, allowed, &args);
	if (ret)
		return ret == MN_HELP ? 0 : ret;
	for (k = 0; k < ARRAY_SIZE(args.given); k++)
		given += args.given[k];
	tunnel = args.given[MN_KW_TUNNEL];
	if (!show && !args.given[MN_KW_DEV])
		return cli_usage_err("missing \"dev IFACE\"");
	if (cmd == HMIP_CMD_MN_SET && given == 1)
		return cli_usage_err("nothing to change");

	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (cmd == MN_REPLACE) {
		mn_put(nl_request(nl, HMIP_CMD_MN_ADD, 0), &args);
		ret = nl_try(nl, EEXIST, mn_attr_name);
		/* it runs the role: change it, but its tunnel, if asked to */
		args.given[MN_KW_TUNNEL] = false;
		if (ret != -EEXIST || given - tunnel == 1) {
			nl_close(nl);
			return ret == -EEXIST ? 0 : ret;
		}
		cmd = HMIP_CMD_MN_SET;
	}
	/* "show" without "dev" is a dump, with "dev" a lookup */
	nlh = nl_request(nl, cmd, show && !given ? NLM_F_DUMP : 0);
	if (given)
		mn_put(nlh, &args);
	if (show)
		ret = nl_stream(nl, mn_show_cb, &out, mn_attr_name);
	else
		ret = nl_talk(nl, NULL, NULL, mn_attr_name);
	nl_close(nl);
	if (show)
		show_end(&out, ret);
	return ret;
}

static int mn_add(int argc, const char *argv[])
{
	return mn_run(HMIP_CMD_MN_ADD, MN_KW_ALL, argc, argv);
}

static int mn_change(int argc, const char *argv[])
{
	return mn_run(HMIP_CMD_MN_SET, MN_KW_ALL & ~(1U << MN_KW_TUNNEL), argc,
		      argv);
}

static int mn_replace(int argc, const char *argv[])
{
	return mn_run(MN_REPLACE, MN_KW_ALL, argc, argv);
}

static int mn_del(int argc, const char *argv[])
{
	return mn_run(HMIP_CMD_MN_DEL, 1U << MN_KW_DEV, argc, argv);
}

static int mn_prepare(int argc, const char *argv[])
{
	unsigned int i;

	/* both keywords are required */
	for (i = 0; i + 1 < (unsigned int)argc; i += 2)
		if (!strcmp(argv[i], "ar"))
			return mn_run(HMIP_CMD_MN_PREPARE,
				      1U << MN_KW_DEV | 1U << MN_KW_AR, argc,
				      argv);
	if (argc > 0 && !strcmp(argv[0], "help"))
		return mn_help(0, NULL);
	return cli_usage_err("missing \"ar ADDRESS\"");
}

static int mn_show(int argc, const char *argv[])
{
	return mn_run(HMIP_CMD_MN_GET, 1U << MN_KW_DEV, argc, argv);
}

static int mn_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip mn add dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip mn change dev IFACE [ OPTIONS ]\n");
	printf("       hmip mn replace dev IFACE [ OPTIONS ] [ tunnel NAME ]\n");
	printf("       hmip mn del dev IFACE\n");
	printf("       hmip mn prepare dev IFACE ar ADDRESS\n");
	printf("       hmip mn [ show [ dev IFACE ] ]\n");
	printf("       hmip mn help\n");
	printf("where  OPTIONS := [ policy { furthest | nearest | fixed } ] [ map ADDRESS ]\n");
	printf("                  [ lifetime 4-262140 ] [ require-ipsec { on | off } ]\n");
	printf("                  [ home ADDRESS/LEN ha { ADDRESS | discover } ]\n");
	printf("                  [ mode { hmip | mipv6 } ]\n");
	printf("                  [ rfc { 4140 | 5380 } ] [ rcoa { ADDRESS | none } ]\n");
	printf("map names the MAP of policy fixed, and alone implies it; policy fixed\n");
	printf("needs it. lifetime is 4 to 262140 seconds. tunnel names the mobile\n");
	printf("node's tunnel device (default \"hmipmn%%d\"), on \"mn add\" only (and\n");
	printf("\"mn replace\" when it adds the role). replace adds the role, or changes\n");
	printf("it to these settings if the interface has it. home and ha make the node\n");
	printf("register its home address with its home agent (through the RCoA, or the\n");
	printf("LCoA where no MAP is advertised or with mode mipv6, which ignores MAPs).\n");
	printf("ha discover finds the home agent by Dynamic Home Agent Address Discovery.\n");
	printf("rfc says which specification's rules apply where RFC 4140 and RFC 5380\n");
	printf("differ (default 5380). prepare stands for the layer-2 trigger of a fast\n");
	printf("handover (RFC 5568): the node asks its access router about the access\n");
	printf("router ADDRESS it is about to move to, and forms its new care-of address;\n");
	printf("then it sends the Fast Binding Update to its MAP at once, and on arrival\n");
	printf("an Unsolicited Neighbor Advertisement.\n");
	printf("rcoa is the RCoA a MAP allocated through IKEv2 (RFC 5380): with rfc 5380\n");
	printf("it is registered with the MAP whose option has R set and whose /64\n");
	printf("holds it; none (the default) forms the RCoA from the MAP's prefix.\n");
	return 0;
}

static const struct cli_cmd mn_cmds[] = {
	{ .name = "show", .fn = mn_show },
	{ .name = "add", .fn = mn_add },
	{ .name = "change", .fn = mn_change },
	{ .name = "replace", .fn = mn_replace },
	{ .name = "del", .fn = mn_del },
	{ .name = "prepare", .fn = mn_prepare },
	{ .name = "help", .fn = mn_help },
};

int mn_main(int argc, const char *argv[])
{
	return cli_dispatch("mn", mn_cmds, ARRAY_SIZE(mn_cmds), argc, argv);
}
