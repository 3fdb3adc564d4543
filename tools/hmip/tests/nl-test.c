// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: tests of nl.c against generic netlink families that every recent
 * kernel has (nlctrl, ethtool), so the netlink layer is tested wherever the
 * tool builds, hmip module or not. Includes nl.c to reach its static
 * functions, as WireGuard's self-tests do.
 *
 * Prints one "ok"/"not ok" line per test; exits 1 if any failed, 4 if the
 * kernel has no ethtool family (skipped).
 */

#include <linux/ethtool_netlink.h>

#include "../nl.c"

static int failures;

static FILE *saved_stderr;
static char *err_buf;
static size_t err_len;

/* Collect what is printed on stderr until capture_end(). */
static void capture_start(void)
{
	fflush(stderr);
	saved_stderr = stderr;
	stderr = open_memstream(&err_buf, &err_len);
	if (!stderr) {
		stderr = saved_stderr;
		perror("open_memstream");
		exit(1);
	}
}

static const char *capture_end(void)
{
	fclose(stderr);
	stderr = saved_stderr;
	return err_buf;
}

static void check(bool ok, const char *name, const char *expected,
		  const char *got)
{
	printf("%sok - %s\n", ok ? "" : "not ", name);
	if (!ok && expected)
		printf("#   expected: %s#   got:      %s", expected, got);
	failures += !ok;
}

/* The message @ret and stderr of the last request should be. */
static void check_err(int ret, int expected_ret, const char *name,
		      const char *expected)
{
	const char *got = capture_end();
	char what[128];

	snprintf(what, sizeof(what), "%s: status %d", name, expected_ret);
	check(ret == expected_ret, what, NULL, NULL);
	check(!strcmp(got, expected), name, expected, got);
	free(err_buf);
	err_buf = NULL;
}

/**
 * struct families - what a dump of nlctrl found
 * @count: how many families
 * @nlctrl: nlctrl was among them
 * @ethtool: ethtool was among them
 */
struct families {
	unsigned int count;
	bool nlctrl;
	bool ethtool;
};

static int families_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_NAME] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[CTRL_ATTR_MAX + 1] = {};
	struct families *f = data;
	const char *name;

	if (nl_parse(nlh, tb, CTRL_ATTR_MAX, policy) ||
	    !tb[CTRL_ATTR_FAMILY_NAME])
		return MNL_CB_ERROR;
	name = mnl_attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]);
	f->count++;
	f->nlctrl |= !strcmp(name, "nlctrl");
	f->ethtool |= !strcmp(name, "ethtool");
	return MNL_CB_OK;
}

static const char *lanes_name(const uint16_t *path, unsigned int depth)
{
	if (depth == 1 && path[0] == ETHTOOL_A_LINKMODES_LANES)
		return "lanes";
	return NULL;
}

static struct nlmsghdr *ethtool_request(struct nl_ctx *nl, uint8_t cmd,
					uint16_t hdr_attr, uint32_t flags)
{
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nlh = nl_put_header(nl, nl->family, cmd, ETHTOOL_GENL_VERSION, 0);
	if (!hdr_attr)
		return nlh;
	nest = mnl_attr_nest_start(nlh, hdr_attr);
	mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, "lo");
	if (flags)
		mnl_attr_put_u32(nlh, ETHTOOL_A_HEADER_FLAGS, flags);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

int main(void)
{
	struct families families = {};
	struct nlmsghdr *nlh;
	struct nl_ctx *nl;
	char expected[128];
	int ret;

	capture_start();
	ret = nl_open_family(&nl, "hmip-none");
	check_err(ret, HMIP_EXIT_NO_MODULE, "a missing family is a missing module",
		  nl_not_loaded);

	capture_start();
	ret = nl_open_family(&nl, "nlctrl");
	snprintf(expected, sizeof(expected),
		 "hmip: the hmip module speaks netlink version 2, this tool %d\n",
		 HMIP_GENL_VERSION);
	check_err(ret, HMIP_EXIT_FAILURE, "a family of another version is refused",
		  expected);

	if (nl_open_family(&nl, "ethtool")) {
		printf("# SKIP: no ethtool generic netlink family\n");
		return failures ? 1 : 4;
	}
	check(nl->family > GENL_ID_CTRL, "the family id is resolved", NULL, NULL);
	check(!nl->events_group, "a family without \"events\" has no group",
	      NULL, NULL);

	nl_put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_DUMP);
	ret = nl_exchange(nl, families_cb, &families);
	check(!ret && families.count > 2 && families.nlctrl && families.ethtool,
	      "a dump reads every part up to NLMSG_DONE", NULL, NULL);

	memset(&families, 0, sizeof(families));
	nl_put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, NLM_F_DUMP);
	ret = nl_stream(nl, families_cb, &families, NULL);
	check(!ret && families.count > 2 && families.nlctrl &&
	      families.ethtool && !nl->msgs_len,
	      "a streamed dump reads every part, keeps none", NULL, NULL);

	ethtool_request(nl, ETHTOOL_MSG_LINKINFO_GET, 0, 0);
	capture_start();
	ret = nl_stream(nl, NULL, NULL, NULL);
	check_err(ret, HMIP_EXIT_KERNEL, "a streamed request: the error",
		  "hmip: Invalid argument (missing attribute 1)\n");

	/* policy NLA_POLICY_RANGE(NLA_U32, 1, 8) */
	nlh = ethtool_request(nl, ETHTOOL_MSG_LINKMODES_SET,
			      ETHTOOL_A_LINKMODES_HEADER, 0);
	mnl_attr_put_u32(nlh, ETHTOOL_A_LINKMODES_LANES, 9);
	capture_start();
	ret = nl_talk(nl, NULL, NULL, lanes_name);
	check_err(ret, HMIP_EXIT_KERNEL,
		  "extack: message, attribute named, policy range",
		  "hmip: Error: integer out of range (lanes: valid range 1..8)\n");

	/* policy NLA_POLICY_MASK: a range, but not the one the value breaks */
	cli_set_context("config", "set");
	ethtool_request(nl, ETHTOOL_MSG_LINKINFO_GET, ETHTOOL_A_LINKINFO_HEADER,
			1U << 31);
	capture_start();
	ret = nl_talk(nl, NULL, NULL, NULL);
	check_err(ret, HMIP_EXIT_KERNEL,
		  "extack: attribute inside a nest, by number",
		  "hmip: config set: Error: reserved bit set (attribute 1.3)\n");

	/* GENL_REQ_ATTR_CHECK(info, ETHTOOL_A_LINKINFO_HEADER) */
	ethtool_request(nl, ETHTOOL_MSG_LINKINFO_GET, 0, 0);
	capture_start();
	ret = nl_talk(nl, NULL, NULL, NULL);
	check_err(ret, HMIP_EXIT_KERNEL, "extack: missing attribute",
		  "hmip: config set: Invalid argument (missing attribute 1)\n");

	nl_put_header(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz((struct nlmsghdr *)nl->req, CTRL_ATTR_FAMILY_NAME,
			  "ethtool");
	check(!nl_talk(nl, NULL, NULL, NULL),
	      "a request the kernel accepts returns 0", NULL, NULL);

	nl_close(nl);
	return failures ? 1 : 0;
}
