// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the binding object, the binding caches of this node's MAPs and
 * home agents; each binding says whose ("role map" or "role ha"), and
 * "map ADDRESS" names either anchor.
 *
 *	hmip binding [ show [ map ADDRESS ] [ rcoa ADDRESS ] ]
 *	hmip binding del rcoa ADDRESS
 *	hmip binding flush [ map ADDRESS ]
 *
 * A cache may hold many thousands of bindings: "show" prints each one as
 * the kernel's dump brings it, one line (or one object of a JSON array)
 * per binding, and keeps none of them.
 */

#include <arpa/inet.h>
#include <string.h>
#include <linux/hmip.h>

#include "addr.h"
#include "binding.h"
#include "cli.h"
#include "nl.h"
#include "show.h"

/*
 * The flags of a Binding Update (RFC 6275 section 6.1.7, RFC 3963, RFC 4140
 * section 4.1), in the order they are printed.
 */
static const struct {
	char letter;
	uint16_t bit;
} binding_flags[] = {
	{ 'A', 0x8000 },
	{ 'H', 0x4000 },
	{ 'L', 0x2000 },
	{ 'K', 0x1000 },
	{ 'M', 0x0800 },
};

/* The words of HMIP_A_BINDING_ROLE, by HMIP_ROLE_* */
static const char *const binding_roles[] = {
	[HMIP_ROLE_MAP] = "map",
	[HMIP_ROLE_HA] = "ha",
};

/* The packet counters, in the order they are printed. */
static const struct {
	uint16_t attr;
	const char *json;
} binding_counters[] = {
	{ HMIP_A_BINDING_TX_PACKETS, "tx_packets" },
	{ HMIP_A_BINDING_TX_BYTES, "tx_bytes" },
	{ HMIP_A_BINDING_RX_PACKETS, "rx_packets" },
	{ HMIP_A_BINDING_RX_BYTES, "rx_bytes" },
};

/**
 * struct binding - a binding, its attributes checked
 * @tb: the attributes of its HMIP_A_BINDING nest
 * @rcoa: its RCoA as text
 * @lcoa: its LCoA as text, if tb[HMIP_A_BINDING_LCOA]
 * @map: its MAP's address as text, if tb[HMIP_A_BINDING_MAP]
 * @flags: the letters of its flags, "" if none
 * @age_ms: tb[HMIP_A_BINDING_AGE_MS]
 * @refreshed_ms: tb[HMIP_A_BINDING_REFRESHED_MS]
 * @counters: the packet counters, as binding_counters lists them, each
 *	if its attribute is there
 * @sa_dst: the destination of its IPsec SA as text, if
 *	tb[HMIP_A_BINDING_SA_DADDR]
 * @sa_peer: the source of that SA as text, if tb[HMIP_A_BINDING_SA_PEER]
 * @role: who holds it, if tb[HMIP_A_BINDING_ROLE]
 */
struct binding {
	const struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	char rcoa[INET6_ADDRSTRLEN];
	char lcoa[INET6_ADDRSTRLEN];
	char map[INET6_ADDRSTRLEN];
	char flags[ARRAY_SIZE(binding_flags) + 1];
	uint64_t age_ms;
	uint64_t refreshed_ms;
	uint64_t counters[ARRAY_SIZE(binding_counters)];
	char sa_dst[INET6_ADDRSTRLEN];
	char sa_peer[INET6_ADDRSTRLEN];
	const char *role;
};

static int binding_parse(const struct nlattr *nest, struct binding *b)
{
	static const enum mnl_attr_data_type policy[HMIP_A_BINDING_MAX + 1] = {
		[HMIP_A_BINDING_SEQ] = MNL_TYPE_U16,
		[HMIP_A_BINDING_FLAGS] = MNL_TYPE_U16,
		[HMIP_A_BINDING_LIFETIME] = MNL_TYPE_U32,
		[HMIP_A_BINDING_REMAINING] = MNL_TYPE_U32,
		[HMIP_A_BINDING_SA_PROTO] = MNL_TYPE_U8,
		[HMIP_A_BINDING_SA_SPI] = MNL_TYPE_U32,
		[HMIP_A_BINDING_SA_REQID] = MNL_TYPE_U32,
		[HMIP_A_BINDING_ROLE] = MNL_TYPE_U8,
	};
	const struct nlattr **tb = b->tb;
	uint16_t flags;
	size_t i, n = 0;

	memset(b, 0, sizeof(*b));
	if (nl_parse_nested(nest, tb, HMIP_A_BINDING_MAX, policy))
		return -1;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		cli_err("malformed answer from the kernel (a binding without its RCoA)");
		return -1;
	}
	if (addr_attr_str(tb[HMIP_A_BINDING_RCOA], b->rcoa) ||
	    (tb[HMIP_A_BINDING_LCOA] &&
	     addr_attr_str(tb[HMIP_A_BINDING_LCOA], b->lcoa)) ||
	    (tb[HMIP_A_BINDING_MAP] &&
	     addr_attr_str(tb[HMIP_A_BINDING_MAP], b->map)) ||
	    (tb[HMIP_A_BINDING_SA_DADDR] &&
	     addr_attr_str(tb[HMIP_A_BINDING_SA_DADDR], b->sa_dst)) ||
	    (tb[HMIP_A_BINDING_SA_PEER] &&
	     addr_attr_str(tb[HMIP_A_BINDING_SA_PEER], b->sa_peer)))
		return -1;
	/* The peer and reqid came later: an older module sends neither. */
	if (!tb[HMIP_A_BINDING_SA_PROTO] != !tb[HMIP_A_BINDING_SA_SPI] ||
	    !tb[HMIP_A_BINDING_SA_PROTO] != !tb[HMIP_A_BINDING_SA_DADDR] ||
	    (!tb[HMIP_A_BINDING_SA_PROTO] &&
	     (tb[HMIP_A_BINDING_SA_PEER] || tb[HMIP_A_BINDING_SA_REQID]))) {
		cli_err("malformed answer from the kernel (a binding's security association)");
		return -1;
	}
	if ((tb[HMIP_A_BINDING_AGE_MS] &&
	     nl_attr_get_uint(tb[HMIP_A_BINDING_AGE_MS], &b->age_ms)) ||
	    (tb[HMIP_A_BINDING_REFRESHED_MS] &&
	     nl_attr_get_uint(tb[HMIP_A_BINDING_REFRESHED_MS],
			      &b->refreshed_ms))) {
		cli_err("malformed answer from the kernel (a binding's age)");
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(binding_counters); i++) {
		if (tb[binding_counters[i].attr] &&
		    nl_attr_get_uint(tb[binding_counters[i].attr],
				     &b->counters[i])) {
			cli_err("malformed answer from the kernel (a binding's packet counters)");
			return -1;
		}
	}
	if (tb[HMIP_A_BINDING_FLAGS]) {
		flags = mnl_attr_get_u16(tb[HMIP_A_BINDING_FLAGS]);
		for (i = 0; i < ARRAY_SIZE(binding_flags); i++)
			if (flags & binding_flags[i].bit)
				b->flags[n++] = binding_flags[i].letter;
	}
	b->flags[n] = '\0';
	if (tb[HMIP_A_BINDING_ROLE]) {
		i = mnl_attr_get_u8(tb[HMIP_A_BINDING_ROLE]);
		b->role = i < ARRAY_SIZE(binding_roles) ? binding_roles[i] :
			  "unknown";
	}
	return 0;
}

static void binding_print_u32(struct json_writer *jw, const struct nlattr *attr,
			      const char *name, const char *json)
{
	uint32_t val;

	if (!attr)
		return;
	if (mnl_attr_get_payload_len(attr) == sizeof(uint16_t))
		val = mnl_attr_get_u16(attr);
	else
		val = mnl_attr_get_u32(attr);
	if (jw)
		json_print_u64(jw, json, val);
	else
		printf(" %s %u", name, val);
}

/* " age 12.3s": milliseconds as seconds and tenths, rounded down */
static void binding_print_ms(struct json_writer *jw, const struct nlattr *attr,
			     uint64_t ms, const char *name, const char *json)
{
	if (!attr)
		return;
	if (jw)
		json_print_u64(jw, json, ms);
	else
		printf(" %s %llu.%llus", name, (unsigned long long)(ms / 1000),
		       (unsigned long long)(ms % 1000 / 100));
}

/*
 * The packet counters the kernel sent, " tx 12 pkts 3400 bytes rx 10 pkts
 * 2000 bytes"; in JSON, numbers.
 */
static void binding_print_counters(struct json_writer *jw,
				   const struct binding *b)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(binding_counters); i++) {
		if (!b->tb[binding_counters[i].attr])
			continue;
		if (jw) {
			json_print_u64(jw, binding_counters[i].json,
				       b->counters[i]);
			continue;
		}
		/* "tx" or "rx" before the first of the pair */
		if (!(i % 2) || !b->tb[binding_counters[i - 1].attr])
			printf(" %s", i < 2 ? "tx" : "rx");
		printf(" %llu %s", (unsigned long long)b->counters[i],
		       i % 2 ? "bytes" : "pkts");
	}
}

/* The name of an IPsec protocol number, as "ip xfrm" spells it. */
static const char *binding_sa_proto(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_ESP:
		return "esp";
	case IPPROTO_AH:
		return "ah";
	default:
		return NULL;
	}
}

/*
 * The security association the binding belongs to: " sa esp spi 0x00001000
 * sa-dst ADDR sa-peer ADDR reqid N"; in JSON "sa_proto", "sa_spi" (a
 * number), "sa_dst", "sa_peer" and "sa_reqid" (a number). The peer and
 * reqid are left out when the kernel does not send them.
 */
static void binding_print_sa(struct json_writer *jw, const struct binding *b)
{
	const struct nlattr *const *tb = b->tb;
	const char *name;
	char num[4];
	uint8_t proto;
	uint32_t spi;

	if (!tb[HMIP_A_BINDING_SA_PROTO])
		return;
	proto = mnl_attr_get_u8(tb[HMIP_A_BINDING_SA_PROTO]);
	spi = mnl_attr_get_u32(tb[HMIP_A_BINDING_SA_SPI]);
	name = binding_sa_proto(proto);
	if (!name) {
		snprintf(num, sizeof(num), "%u", proto);
		name = num;
	}
	if (jw) {
		json_print_string(jw, "sa_proto", name);
		json_print_u64(jw, "sa_spi", spi);
		json_print_string(jw, "sa_dst", b->sa_dst);
		if (tb[HMIP_A_BINDING_SA_PEER])
			json_print_string(jw, "sa_peer", b->sa_peer);
	} else {
		printf(" sa %s spi 0x%08x sa-dst %s", name, spi, b->sa_dst);
		if (tb[HMIP_A_BINDING_SA_PEER])
			printf(" sa-peer %s", b->sa_peer);
	}
	binding_print_u32(jw, tb[HMIP_A_BINDING_SA_REQID], "reqid",
			  "sa_reqid");
}

/**
 * binding_print() - print a binding, one HMIP_A_BINDING nest
 * @jw: a JSON writer, NULL for text
 * @nest: the nest
 * @event: for "hmip monitor": in text, " RCOA lcoa LCOA map MAP seq N
 *	lifetime N" after the event's name; in JSON, the members of the
 *	binding in @jw's open object. Otherwise in text, a line of "binding
 *	show"; in JSON, one object in @jw's open array.
 *
 * Attributes the kernel leaves out are not printed. Every attribute is
 * checked before anything is printed.
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int binding_print(struct json_writer *jw, const struct nlattr *nest,
		  bool event)
{
	struct binding b;
	const struct nlattr **tb = b.tb;

	if (binding_parse(nest, &b))
		return -1;

	if (jw) {
		if (!event)
			json_open_object(jw, NULL);
		json_print_string(jw, "rcoa", b.rcoa);
		if (tb[HMIP_A_BINDING_LCOA])
			json_print_string(jw, "lcoa", b.lcoa);
		if (tb[HMIP_A_BINDING_MAP])
			json_print_string(jw, "map", b.map);
		if (b.role)
			json_print_string(jw, "role", b.role);
		binding_print_u32(jw, tb[HMIP_A_BINDING_SEQ], "seq", "seq");
		if (tb[HMIP_A_BINDING_FLAGS]) {
			json_print_string(jw, "flags", b.flags);
			binding_print_u32(jw, tb[HMIP_A_BINDING_FLAGS], "flags",
					  "flags_raw");
		}
		binding_print_u32(jw, tb[HMIP_A_BINDING_LIFETIME], "lifetime",
				  "lifetime");
		binding_print_u32(jw, tb[HMIP_A_BINDING_REMAINING], "remaining",
				  "remaining");
		binding_print_ms(jw, tb[HMIP_A_BINDING_AGE_MS], b.age_ms,
				 "age", "age_ms");
		binding_print_ms(jw, tb[HMIP_A_BINDING_REFRESHED_MS],
				 b.refreshed_ms, "refreshed", "refreshed_ms");
		binding_print_counters(jw, &b);
		binding_print_sa(jw, &b);
		if (!event)
			json_close_object(jw);
		return 0;
	}

	printf("%s%s", event ? " " : "", b.rcoa);
	if (tb[HMIP_A_BINDING_LCOA])
		printf(" lcoa %s", b.lcoa);
	if (tb[HMIP_A_BINDING_MAP])
		printf(" map %s", b.map);
	if (b.role)
		printf(" role %s", b.role);
	binding_print_u32(NULL, tb[HMIP_A_BINDING_SEQ], "seq", NULL);
	binding_print_u32(NULL, tb[HMIP_A_BINDING_LIFETIME], "lifetime", NULL);
	if (event)
		return 0;
	binding_print_u32(NULL, tb[HMIP_A_BINDING_REMAINING], "remaining",
			  NULL);
	if (tb[HMIP_A_BINDING_FLAGS])
		printf(" flags %s", b.flags[0] ? b.flags : "none");
	binding_print_ms(NULL, tb[HMIP_A_BINDING_AGE_MS], b.age_ms, "age",
			 NULL);
	binding_print_ms(NULL, tb[HMIP_A_BINDING_REFRESHED_MS], b.refreshed_ms,
			 "refreshed", NULL);
	binding_print_counters(NULL, &b);
	binding_print_sa(NULL, &b);
	putchar('\n');
	return 0;
}

enum {
	BINDING_KW_MAP,
	BINDING_KW_RCOA,
	BINDING_KW_HELP,
};

/**
 * struct binding_args - the arguments of a binding command
 * @given: which keywords were given, by BINDING_KW_*
 * @addrs: their addresses
 */
struct binding_args {
	bool given[BINDING_KW_HELP];
	struct in6_addr addrs[BINDING_KW_HELP];
};

static int binding_help(int argc, const char *argv[]);

/* what binding_parse_args() returns after printing the help asked for */
#define BINDING_HELP	(-1)

/*
 * "map ADDRESS", "rcoa ADDRESS" or both, as far as @allowed (a mask of
 * 1 << BINDING_KW_*) lets: 0, BINDING_HELP, or HMIP_EXIT_USAGE after a
 * usage error.
 */
static int binding_parse_args(int argc, const char *argv[],
			      unsigned int allowed, struct binding_args *args)
{
	static const struct {
		const char *name;
	} words[] = {
		[BINDING_KW_MAP] = { "map" },
		[BINDING_KW_RCOA] = { "rcoa" },
		[BINDING_KW_HELP] = { "help" },
	};
	int i, k, ret;

	memset(args, 0, sizeof(*args));
	for (i = 0; i < argc; i += 2) {
		k = cli_lookup("argument", argv[i], words);
		if (k < 0)
			return HMIP_EXIT_USAGE;
		if (k == BINDING_KW_HELP) {
			binding_help(0, NULL);
			return BINDING_HELP;
		}
		if (!(allowed & 1U << k))
			return cli_usage_err("unknown argument \"%s\"",
					     argv[i]);
		if (args->given[k])
			return cli_usage_err("\"%s\" is given twice",
					     words[k].name);
		if (i + 1 >= argc)
			return cli_usage_err("\"%s\" needs a value",
					     words[k].name);
		ret = addr_parse(argv[i + 1], &args->addrs[k]);
		if (ret)
			return ret;
		args->given[k] = true;
	}
	return 0;
}

/* HMIP_A_BINDING with the addresses given. */
static void binding_put(struct nlmsghdr *nlh, const struct binding_args *args)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	if (args->given[BINDING_KW_RCOA])
		mnl_attr_put(nlh, HMIP_A_BINDING_RCOA, sizeof(struct in6_addr),
			     &args->addrs[BINDING_KW_RCOA]);
	if (args->given[BINDING_KW_MAP])
		mnl_attr_put(nlh, HMIP_A_BINDING_MAP, sizeof(struct in6_addr),
			     &args->addrs[BINDING_KW_MAP]);
	mnl_attr_nest_end(nlh, nest);
}

/* Names the attributes of a binding request for error messages. */
static const char *binding_attr_name(const uint16_t *path, unsigned int depth)
{
	if (depth != 2 || path[0] != HMIP_A_BINDING)
		return NULL;
	if (path[1] == HMIP_A_BINDING_RCOA)
		return "rcoa";
	if (path[1] == HMIP_A_BINDING_MAP)
		return "map";
	return NULL;
}

/**
 * struct binding_show - the output of "binding show", printed as it comes
 * @list: the output
 * @map: print only the bindings of this MAP, if @filter
 * @filter: the kernel was not asked to filter by MAP (a "rcoa" lookup)
 */
struct binding_show {
	struct show list;
	struct in6_addr map;
	bool filter;
};

static int binding_show_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[HMIP_A_BINDING_MAX + 1];
	const struct nlattr *tb[HMIP_A_BINDING_MAX + 1] = {};
	const struct nlattr *nest, *map;
	struct binding_show *show = data;

	nest = show_nest(nlh, HMIP_A_BINDING, "binding");
	if (!nest)
		return MNL_CB_ERROR;
	if (show->filter) {
		if (nl_parse_nested(nest, tb, HMIP_A_BINDING_MAX, policy))
			return MNL_CB_ERROR;
		map = tb[HMIP_A_BINDING_MAP];
		if (!map || mnl_attr_get_payload_len(map) != sizeof(show->map) ||
		    memcmp(mnl_attr_get_payload(map), &show->map,
			   sizeof(show->map)))
			return MNL_CB_OK;
	}
	if (binding_print(show_next(&show->list), nest, false))
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

static int binding_show(int argc, const char *argv[])
{
	struct binding_show show = {};
	struct binding_args args;
	struct nlmsghdr *nlh;
	struct nl_ctx *nl;
	int ret;

	ret = binding_parse_args(argc, argv,
				 1U << BINDING_KW_MAP | 1U << BINDING_KW_RCOA,
				 &args);
	if (ret)
		return ret == BINDING_HELP ? 0 : ret;

	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (args.given[BINDING_KW_RCOA]) {
		/* one binding: its MAP, if given, is checked here */
		show.filter = args.given[BINDING_KW_MAP];
		show.map = args.addrs[BINDING_KW_MAP];
		args.given[BINDING_KW_MAP] = false;
		nlh = nl_request(nl, HMIP_CMD_BINDING_GET, 0);
		binding_put(nlh, &args);
	} else {
		nlh = nl_request(nl, HMIP_CMD_BINDING_GET, NLM_F_DUMP);
		if (args.given[BINDING_KW_MAP])
			binding_put(nlh, &args);
	}
	ret = nl_stream(nl, binding_show_cb, &show, binding_attr_name);
	nl_close(nl);
	show_end(&show.list, ret);
	return ret;
}

/* Send a request with HMIP_A_BINDING, print the kernel's refusal. */
static int binding_request(uint8_t cmd, const struct binding_args *args)
{
	struct nlmsghdr *nlh;
	struct nl_ctx *nl;
	int ret;

	ret = nl_open(&nl);
	if (ret)
		return ret;
	nlh = nl_request(nl, cmd, 0);
	binding_put(nlh, args);
	ret = nl_talk(nl, NULL, NULL, binding_attr_name);
	nl_close(nl);
	return ret;
}

static int binding_del(int argc, const char *argv[])
{
	struct binding_args args;
	int ret;

	ret = binding_parse_args(argc, argv, 1U << BINDING_KW_RCOA, &args);
	if (ret)
		return ret == BINDING_HELP ? 0 : ret;
	if (!args.given[BINDING_KW_RCOA])
		return cli_usage_err("missing \"rcoa ADDRESS\"");
	return binding_request(HMIP_CMD_BINDING_DEL, &args);
}

static int binding_flush(int argc, const char *argv[])
{
	struct binding_args args;
	int ret;

	ret = binding_parse_args(argc, argv, 1U << BINDING_KW_MAP, &args);
	if (ret)
		return ret == BINDING_HELP ? 0 : ret;
	return binding_request(HMIP_CMD_BINDING_FLUSH, &args);
}

static int binding_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip binding [ show [ map ADDRESS ] [ rcoa ADDRESS ] ]\n");
	printf("       hmip binding del rcoa ADDRESS\n");
	printf("       hmip binding flush [ map ADDRESS ]\n");
	printf("       hmip binding help\n");
	return 0;
}

static const struct cli_cmd binding_cmds[] = {
	{ .name = "show", .fn = binding_show },
	{ .name = "del", .fn = binding_del },
	{ .name = "flush", .fn = binding_flush },
	{ .name = "help", .fn = binding_help },
};

int binding_main(int argc, const char *argv[])
{
	return cli_dispatch("binding", binding_cmds, ARRAY_SIZE(binding_cmds),
			    argc, argv);
}
