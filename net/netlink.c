// SPDX-License-Identifier: GPL-2.0

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "netlink.h"
#include "netns.h"

/* Not const: 6.1 policies take a writable pointer. */
static struct netlink_range_validation hmip_ratelimit_ms_range = {
	.max = HMIP_RATELIMIT_MAX_MS,
};

static const struct nla_policy hmip_config_policy[HMIP_A_CFG_MAX + 1] = {
	[HMIP_A_CFG_ERR_RATELIMIT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ratelimit_ms_range),
	[HMIP_A_CFG_ERR_RATELIMIT_BURST] =
		NLA_POLICY_RANGE(NLA_U32, 1, HMIP_RATELIMIT_MAX_BURST),
};

/* Attributes a request may carry; everything the kernel only sends is
 * rejected so that a confused client learns at once.
 */
static const struct nla_policy hmip_config_set_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_CONFIG] = NLA_POLICY_NESTED(hmip_config_policy),
};

enum hmip_mcgrp {
	HMIP_MCGRP_EVENTS,
};

static const struct genl_multicast_group hmip_mcgrps[] = {
	[HMIP_MCGRP_EVENTS] = { .name = HMIP_GENL_MCGRP_EVENTS },
};

static struct genl_family hmip_family;

static int hmip_nl_config_fill(struct sk_buff *msg, struct hmip_net *hn)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(msg, HMIP_A_CFG_ERR_RATELIMIT_MS,
			READ_ONCE(hn->err_rl.interval_ms)) ||
	    nla_put_u32(msg, HMIP_A_CFG_ERR_RATELIMIT_BURST,
			READ_ONCE(hn->err_rl.burst))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* A reply to @info, filled by @fill with the netns's state. */
static int hmip_nl_reply(struct genl_info *info,
			 int (*fill)(struct sk_buff *, struct hmip_net *))
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0,
				info->genlhdr->cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}
	err = fill(msg, hn);
	if (err)
		goto err_free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int hmip_nl_stats_fill(struct sk_buff *msg, struct hmip_net *hn)
{
	return hmip_stats_fill(hn, msg);
}

static int hmip_nl_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_nl_reply(info, hmip_nl_stats_fill);
}

static int hmip_nl_config_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_nl_reply(info, hmip_nl_config_fill);
}

static void hmip_nl_notify_config(struct hmip_net *hn)
{
	struct sk_buff *msg;
	void *hdr;

	msg = hmip_netlink_event_new(hn->net, HMIP_EVENT_CONFIG_CHANGED, &hdr);
	if (!msg)
		return;
	if (hmip_nl_config_fill(msg, hn)) {
		nlmsg_free(msg);
		return;
	}
	hmip_netlink_event_send(hn->net, msg, hdr);
}

static int hmip_nl_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_CFG_MAX + 1];
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_CONFIG)) {
		GENL_SET_ERR_MSG(info, "no settings given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_CFG_MAX, info->attrs[HMIP_A_CONFIG],
			       hmip_config_policy, info->extack);
	if (err)
		return err;
	if (!tb[HMIP_A_CFG_ERR_RATELIMIT_MS] &&
	    !tb[HMIP_A_CFG_ERR_RATELIMIT_BURST]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[HMIP_A_CONFIG],
				    "no settings given");
		return -EINVAL;
	}

	/* Requests are serialised by the genl mutex (no parallel_ops). */
	if (tb[HMIP_A_CFG_ERR_RATELIMIT_MS])
		WRITE_ONCE(hn->err_rl.interval_ms,
			   nla_get_u32(tb[HMIP_A_CFG_ERR_RATELIMIT_MS]));
	if (tb[HMIP_A_CFG_ERR_RATELIMIT_BURST])
		WRITE_ONCE(hn->err_rl.burst,
			   nla_get_u32(tb[HMIP_A_CFG_ERR_RATELIMIT_BURST]));

	hmip_nl_notify_config(hn);
	return 0;
}

static const struct genl_ops hmip_nl_ops[] = {
	{
		.cmd = HMIP_CMD_STATS_GET,
		.doit = hmip_nl_stats_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_GET,
		.doit = hmip_nl_config_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_SET,
		.doit = hmip_nl_config_set_doit,
		.policy = hmip_config_set_policy,
		.maxattr = HMIP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family hmip_family __ro_after_init = {
	.name = HMIP_GENL_NAME,
	.version = HMIP_GENL_VERSION,
	.netnsok = true,
	/* Strict validation, and no attribute without a policy, for all. */
	.resv_start_op = HMIP_CMD_UNSPEC + 1,
	.ops = hmip_nl_ops,
	.n_ops = ARRAY_SIZE(hmip_nl_ops),
	.mcgrps = hmip_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hmip_mcgrps),
	.module = THIS_MODULE,
};

/**
 * hmip_netlink_event_new - start an event message
 * @net: netns the event happened in
 * @event: &enum hmip_event
 * @hdr: set to the header to pass to hmip_netlink_event_send()
 *
 * Context: any; allocates with GFP_ATOMIC.
 * Return: the message, or NULL when nobody listens or memory is short.
 */
struct sk_buff *hmip_netlink_event_new(struct net *net, u32 event, void **hdr)
{
	struct sk_buff *msg;

	if (!genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS))
		return NULL;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &hmip_family, 0, HMIP_CMD_EVENT);
	if (!*hdr || nla_put_u32(msg, HMIP_A_EVENT_TYPE, event)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/**
 * hmip_netlink_event_send - multicast an event built by
 *	hmip_netlink_event_new()
 * @net: netns the event happened in
 * @msg: the message; consumed
 * @hdr: its header
 */
void hmip_netlink_event_send(struct net *net, struct sk_buff *msg, void *hdr)
{
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&hmip_family, net, msg, 0, HMIP_MCGRP_EVENTS,
				GFP_ATOMIC);
}

int __init hmip_netlink_init(void)
{
	return genl_register_family(&hmip_family);
}

void hmip_netlink_uninit(void)
{
	genl_unregister_family(&hmip_family);
}
