// SPDX-License-Identifier: GPL-2.0
/*
 * The "hmip" generic netlink family: its multicast groups, the capability
 * check of every command that changes state, replies and events, and the
 * commands every node has (counters, settings). The roles' commands live
 * in their own folders (map/nl.c, ar/nl.c, mn/nl.c) and use this file;
 * it uses none of them.
 */
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "core/family.h"
#include "core/netns.h"

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
const struct nla_policy hmip_family_config_set_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_CONFIG] = NLA_POLICY_NESTED(hmip_config_policy),
};

enum hmip_mcgrp {
	HMIP_MCGRP_EVENTS,
	HMIP_MCGRP_EVENTS_ADMIN,
};

/* Every event goes to both groups; a binding's only whole to the one that
 * needs CAP_NET_ADMIN (hmip_family_event_split()).
 */
static const struct genl_multicast_group hmip_mcgrps[] = {
	[HMIP_MCGRP_EVENTS] = { .name = HMIP_GENL_MCGRP_EVENTS },
	[HMIP_MCGRP_EVENTS_ADMIN] = { .name = HMIP_GENL_MCGRP_EVENTS_ADMIN,
				      .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* Cleared, then an RCU grace period, before the family goes: workers that
 * still run (binding expiry) must not send on its multicast group after.
 */
static bool hmip_family_registered;

static int hmip_family_config_fill(struct sk_buff *msg, struct hmip_net *hn)
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

/**
 * hmip_family_reply - answer a request with one message
 * @info: the request
 * @size: octets of attributes to make room for
 * @fill: puts the netns's state into the message
 *
 * Return: 0 or a negative errno.
 */
int hmip_family_reply(struct genl_info *info, size_t size,
		      int (*fill)(struct sk_buff *, struct hmip_net *))
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(size, GFP_KERNEL);
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

/**
 * hmip_family_rfc_get - a role's "rfc" setting
 * @attr: a u16 attribute its policy (%HMIP_FAMILY_RFC_POLICY) checked
 * @rfc: set to %HMIP_RFC_4140 or %HMIP_RFC_5380
 * @extack: for the reason it is refused
 *
 * Return: 0, or -EINVAL for a number between the two.
 */
int hmip_family_rfc_get(const struct nlattr *attr, u16 *rfc,
			struct netlink_ext_ack *extack)
{
	u16 v = nla_get_u16(attr);

	if (v != HMIP_RFC_4140 && v != HMIP_RFC_5380) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "rfc must be 4140 or 5380");
		return -EINVAL;
	}
	*rfc = v;
	return 0;
}

static int hmip_family_stats_fill(struct sk_buff *msg, struct hmip_net *hn)
{
	return hmip_stats_fill(hn, msg);
}

int hmip_family_stats_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_family_reply(info, max_t(size_t, hmip_stats_msg_size(),
					    NLMSG_GOODSIZE),
				 hmip_family_stats_fill);
}

int hmip_family_config_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	return hmip_family_reply(info, NLMSG_GOODSIZE, hmip_family_config_fill);
}

static void hmip_family_notify_config(struct hmip_net *hn)
{
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	msg = hmip_family_event_new(hn->net, HMIP_EVENT_CONFIG_CHANGED, &hdr);
	if (msg) {
		if (hmip_family_config_fill(msg, hn))
			nlmsg_free(msg);
		else
			hmip_family_event_send(hn->net, msg, hdr);
	}
	rcu_read_unlock();
}

int hmip_family_config_set_doit(struct sk_buff *skb, struct genl_info *info)
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
	hmip_ratelimit_refill(&hn->err_rl);

	hmip_family_notify_config(hn);
	return 0;
}

static struct sk_buff *hmip_family_event_alloc(u32 event, void **hdr)
{
	struct sk_buff *msg;

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

/* Whether the sender of @skb may see LCoAs and SAs: CAP_NET_ADMIN in the
 * user namespace of the netns, as for the commands that change state.
 */
bool hmip_family_whole(const struct sk_buff *skb, struct net *net)
{
	return netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN);
}

/* genetlink's own GENL_UNS_ADMIN_PERM check says nothing but EPERM: ours
 * tells the user what is missing (HMIP_FAMILY_ADMIN).
 */
static int hmip_family_pre_doit(const struct genl_ops *ops, struct sk_buff *skb,
				struct genl_info *info)
{
	if ((ops->internal_flags & HMIP_FAMILY_ADMIN) &&
	    !netlink_ns_capable(skb, genl_info_net(info)->user_ns,
				CAP_NET_ADMIN)) {
		GENL_SET_ERR_MSG(info,
				 "needs CAP_NET_ADMIN in the user namespace of the network namespace");
		return -EPERM;
	}
	return 0;
}

/* The commands are the roles': hmip_family_module_init() takes them from
 * the top of the module (genl.c), so that this file names no role.
 */
struct genl_family hmip_family __ro_after_init = {
	.name = HMIP_GENL_NAME,
	.version = HMIP_GENL_VERSION,
	.netnsok = true,
	/* Strict validation, and no attribute without a policy, for all. */
	.resv_start_op = HMIP_CMD_UNSPEC + 1,
	.pre_doit = hmip_family_pre_doit,
	.mcgrps = hmip_mcgrps,
	.n_mcgrps = ARRAY_SIZE(hmip_mcgrps),
	.module = THIS_MODULE,
};

/**
 * hmip_family_event_new - start an event message
 * @net: netns the event happened in
 * @event: &enum hmip_event
 * @hdr: set to the header to pass to hmip_family_event_send()
 *
 * For events that say the same to every listener (binding events do not:
 * hmip_family_event_split()).
 *
 * Context: any, RCU read side (or BHs off) until the message is sent;
 * allocates with GFP_ATOMIC.
 * Return: the message, or NULL when nobody listens or memory is short.
 */
struct sk_buff *hmip_family_event_new(struct net *net, u32 event, void **hdr)
{
	if (!READ_ONCE(hmip_family_registered) ||
	    (!genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS) &&
	     !genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS_ADMIN)))
		return NULL;
	return hmip_family_event_alloc(event, hdr);
}

/**
 * hmip_family_event_send - multicast an event built by
 *	hmip_family_event_new()
 * @net: netns the event happened in
 * @msg: the message; consumed
 * @hdr: its header
 *
 * To both groups: a listener joins one of them.
 */
void hmip_family_event_send(struct net *net, struct sk_buff *msg, void *hdr)
{
	struct sk_buff *copy;

	genlmsg_end(msg, hdr);
	if (genl_has_listeners(&hmip_family, net, HMIP_MCGRP_EVENTS_ADMIN)) {
		copy = skb_clone(msg, GFP_ATOMIC);
		if (copy)
			genlmsg_multicast_netns(&hmip_family, net, copy, 0,
						HMIP_MCGRP_EVENTS_ADMIN,
						GFP_ATOMIC);
	}
	genlmsg_multicast_netns(&hmip_family, net, msg, 0, HMIP_MCGRP_EVENTS,
				GFP_ATOMIC);
}

/**
 * hmip_family_module_init - register the family
 * @ops: every command, the roles' and the common ones
 * @n_ops: entries in @ops
 *
 * Return: 0 or the error of genl_register_family().
 */
int __init hmip_family_module_init(const struct genl_ops *ops,
				   unsigned int n_ops)
{
	int err;

	hmip_family.ops = ops;
	hmip_family.n_ops = n_ops;
	err = genl_register_family(&hmip_family);
	if (!err)
		WRITE_ONCE(hmip_family_registered, true);
	return err;
}

void hmip_family_module_exit(void)
{
	WRITE_ONCE(hmip_family_registered, false);
	synchronize_rcu();
	genl_unregister_family(&hmip_family);
}

/**
 * hmip_family_event_split - announce an event whole to the group that needs
 *	CAP_NET_ADMIN, and without what only it may see to the other
 * @net: netns the event happened in
 * @event: &enum hmip_event
 * @fill: adds the object's attributes; @whole says whether it may add all
 * @obj: the object, handed to @fill
 *
 * Context: any; allocates with GFP_ATOMIC.
 */
void hmip_family_event_split(struct net *net, u32 event,
			     int (*fill)(struct sk_buff *msg, const void *obj,
					 bool whole),
			     const void *obj)
{
	static const struct {
		unsigned int group;
		bool whole;
	} to[] = {
		{ HMIP_MCGRP_EVENTS_ADMIN, true },
		{ HMIP_MCGRP_EVENTS, false },
	};
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	if (!READ_ONCE(hmip_family_registered))
		return;
	for (i = 0; i < ARRAY_SIZE(to); i++) {
		if (!genl_has_listeners(&hmip_family, net, to[i].group))
			continue;
		msg = hmip_family_event_alloc(event, &hdr);
		if (!msg)
			continue;
		if (fill(msg, obj, to[i].whole)) {
			nlmsg_free(msg);
			continue;
		}
		genlmsg_end(msg, hdr);
		genlmsg_multicast_netns(&hmip_family, net, msg, 0,
					to[i].group, GFP_ATOMIC);
	}
}
