// SPDX-License-Identifier: GPL-2.0
/*
 * The home agent's commands (%HMIP_CMD_HA_*). Its bindings are reported by
 * the binding commands of anchor/nl.c, with their role.
 */
#include <linux/netdevice.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "core/family.h"
#include "core/netns.h"
#include "ha/ha.h"
#include "ha/nl.h"

static struct netlink_range_validation hmip_ha_lifetime_range = {
	.min = 4,
	.max = HMIP_HA_MAX_LIFETIME,
};

static struct netlink_range_validation hmip_ha_bindings_range = {
	.min = 1,
	.max = HMIP_HA_MAX_BINDINGS,
};

static const struct nla_policy hmip_ha_policy[HMIP_A_HA_MAX + 1] = {
	[HMIP_A_HA_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_HA_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_HA_PREF] = { .type = NLA_U8 },
	[HMIP_A_HA_MAX_LIFETIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ha_lifetime_range),
	[HMIP_A_HA_MAX_BINDINGS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_ha_bindings_range),
	[HMIP_A_HA_PREFIXES] =
		NLA_POLICY_NESTED(hmip_anchor_nl_prefix_list_policy),
	[HMIP_A_HA_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_HA_BINDINGS] = { .type = NLA_REJECT },
	[HMIP_A_HA_TUNNEL_NAME] = { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[HMIP_A_HA_TUNNEL_IFINDEX] = { .type = NLA_REJECT },
	[HMIP_A_HA_LIST] = { .type = NLA_REJECT },
};

const struct nla_policy hmip_ha_nl_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_HA] = NLA_POLICY_NESTED(hmip_ha_policy),
};

/* The home agent nest of @info into @tb, its address in @addr. */
static int hmip_ha_nl_parse(struct genl_info *info, struct nlattr **tb,
			    struct in6_addr *addr)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_HA)) {
		GENL_SET_ERR_MSG(info, "no home agent given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_HA_MAX, info->attrs[HMIP_A_HA],
			       hmip_ha_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_HA], tb,
			      HMIP_A_HA_ADDR)) {
		GENL_SET_ERR_MSG(info, "the home agent's address is missing");
		return -EINVAL;
	}
	*addr = nla_get_in6_addr(tb[HMIP_A_HA_ADDR]);
	return 0;
}

/* The settings @tb carries, over @p. Context: RTNL (the interface). */
static int hmip_ha_nl_settings(struct net *net, struct nlattr **tb,
			       struct hmip_anchor_params *p,
			       struct netlink_ext_ack *extack)
{
	if (tb[HMIP_A_HA_IFINDEX]) {
		p->ifindex = nla_get_u32(tb[HMIP_A_HA_IFINDEX]);
		if (!__dev_get_by_index(net, p->ifindex)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[HMIP_A_HA_IFINDEX],
					    "no such interface in this netns");
			return -ENODEV;
		}
	}
	if (tb[HMIP_A_HA_PREF])
		p->pref = nla_get_u8(tb[HMIP_A_HA_PREF]);
	if (tb[HMIP_A_HA_MAX_LIFETIME])
		p->max_lifetime = nla_get_u32(tb[HMIP_A_HA_MAX_LIFETIME]);
	if (tb[HMIP_A_HA_MAX_BINDINGS])
		p->max_bindings = nla_get_u32(tb[HMIP_A_HA_MAX_BINDINGS]);
	if (tb[HMIP_A_HA_REQUIRE_IPSEC])
		p->require_ipsec = nla_get_u8(tb[HMIP_A_HA_REQUIRE_IPSEC]);
	if (tb[HMIP_A_HA_PREFIXES])
		return hmip_anchor_nl_prefixes_parse(tb[HMIP_A_HA_PREFIXES],
						     p->home, &p->n_home,
						     extack);
	return 0;
}

static int hmip_ha_nl_fill(struct sk_buff *msg, struct hmip_ha *ha);

/* A configuration event: @ha as "ha show" has it. Under hn->ha->lock. */
static void hmip_ha_nl_notify(struct hmip_net *hn, struct hmip_ha *ha,
			      u32 event)
{
	struct sk_buff *msg;
	void *hdr;

	if (!ha)
		return;
	rcu_read_lock();
	msg = hmip_family_event_new(hn->net, event, &hdr);
	if (msg) {
		if (hmip_ha_nl_fill(msg, ha))
			nlmsg_free(msg);
		else
			hmip_family_event_send(hn->net, msg, hdr);
	}
	rcu_read_unlock();
}

int hmip_ha_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_HA_MAX + 1];
	struct hmip_anchor_params *p;
	struct in6_addr addr;
	int type, err;

	err = hmip_ha_nl_parse(info, tb, &addr);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_HA], tb,
			      HMIP_A_HA_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the home agent's interface is missing");
		return -EINVAL;
	}
	type = ipv6_addr_type(&addr);
	if (!(type & IPV6_ADDR_UNICAST) ||
	    type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_HA_ADDR],
				    "a home agent address must be global unicast");
		return -EINVAL;
	}
	if (tb[HMIP_A_HA_TUNNEL_NAME] &&
	    !dev_valid_name(nla_data(tb[HMIP_A_HA_TUNNEL_NAME]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_HA_TUNNEL_NAME],
				    "not a valid device name");
		return -EINVAL;
	}

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	hmip_ha_params_default(p);
	rtnl_lock();
	err = hmip_ha_nl_settings(net, tb, p, info->extack);
	rtnl_unlock();
	if (err)
		goto out;
	/* Without a prefix given, the home link's /64 of its address. */
	if (!p->n_home) {
		p->home[0].len = HMIP_HA_DEFAULT_PREFIX_LEN;
		ipv6_addr_prefix(&p->home[0].addr, &addr, p->home[0].len);
		p->n_home = 1;
	}
	/* Binding Updates reach it only at one of this node's addresses
	 * (tentative ones included: DAD may still be running).
	 */
	if (!ipv6_chk_addr_and_flags(net, &addr, NULL, true, 0, 0)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_HA_ADDR],
				    "the home agent address is not configured on this node");
		err = -EADDRNOTAVAIL;
		goto out;
	}

	mutex_lock(&hn->ha->lock);
	err = hmip_ha_add(hn, &addr, p,
			  tb[HMIP_A_HA_TUNNEL_NAME] ?
			  nla_data(tb[HMIP_A_HA_TUNNEL_NAME]) : NULL,
			  info->extack);
	if (!err)
		hmip_ha_nl_notify(hn, hmip_ha_lookup(hn, &addr),
				  HMIP_EVENT_HA_ADDED);
	mutex_unlock(&hn->ha->lock);
out:
	kfree(p);
	return err;
}

/* The home agent of @addr, with the extack message when there is none. */
static struct hmip_ha *hmip_ha_nl_find(struct hmip_net *hn,
				       const struct in6_addr *addr,
				       struct nlattr **tb,
				       struct netlink_ext_ack *extack)
{
	struct hmip_ha *ha = hmip_ha_lookup(hn, addr);

	if (!ha)
		NL_SET_ERR_MSG_ATTR(extack, tb[HMIP_A_HA_ADDR],
				    "no home agent with this address");
	return ha;
}

int hmip_ha_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_HA_MAX + 1];
	struct hmip_anchor_params *p;
	struct in6_addr addr;
	struct hmip_ha *ha;
	int err;

	err = hmip_ha_nl_parse(info, tb, &addr);
	if (err)
		return err;
	if (tb[HMIP_A_HA_TUNNEL_NAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_HA_TUNNEL_NAME],
				    "the tunnel device is named when the home agent is added");
		return -EINVAL;
	}
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	mutex_lock(&hn->ha->lock);
	ha = hmip_ha_nl_find(hn, &addr, tb, info->extack);
	if (!ha) {
		err = -ENOENT;
		goto unlock;
	}
	*p = *rcu_dereference_protected(ha->anchor.params,
					lockdep_is_held(&hn->ha->lock));
	rtnl_lock();
	err = hmip_ha_nl_settings(net, tb, p, info->extack);
	rtnl_unlock();
	if (!err && !p->n_home) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_HA_PREFIXES],
				    "a home agent needs a home prefix");
		err = -EINVAL;
	}
	if (!err)
		err = hmip_ha_set(hn, ha, p, info->extack);
	if (!err)
		hmip_ha_nl_notify(hn, ha, HMIP_EVENT_HA_CHANGED);
unlock:
	mutex_unlock(&hn->ha->lock);
	kfree(p);
	return err;
}

int hmip_ha_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_HA_MAX + 1];
	struct in6_addr addr;
	struct hmip_ha *ha;
	int err;

	err = hmip_ha_nl_parse(info, tb, &addr);
	if (err)
		return err;
	mutex_lock(&hn->ha->lock);
	ha = hmip_ha_nl_find(hn, &addr, tb, info->extack);
	if (ha) {
		hmip_ha_nl_notify(hn, ha, HMIP_EVENT_HA_DELETED);
		hmip_ha_del(hn, ha);
	}
	mutex_unlock(&hn->ha->lock);
	return ha ? 0 : -ENOENT;
}

/* Caller holds hn->ha->lock. */
static int hmip_ha_nl_fill(struct sk_buff *msg, struct hmip_ha *ha)
{
	const struct hmip_anchor_params *p =
		rcu_dereference_check(ha->anchor.params, true);
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_HA);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_HA_ADDR, &ha->anchor.addr) ||
	    nla_put_u32(msg, HMIP_A_HA_IFINDEX, p->ifindex) ||
	    nla_put_u8(msg, HMIP_A_HA_PREF, p->pref) ||
	    nla_put_u32(msg, HMIP_A_HA_MAX_LIFETIME, p->max_lifetime) ||
	    nla_put_u32(msg, HMIP_A_HA_MAX_BINDINGS, p->max_bindings) ||
	    nla_put_u8(msg, HMIP_A_HA_REQUIRE_IPSEC, p->require_ipsec) ||
	    nla_put_u32(msg, HMIP_A_HA_TUNNEL_IFINDEX,
			ha->anchor.tunnel->ifindex) ||
	    nla_put_u32(msg, HMIP_A_HA_BINDINGS,
			atomic_read(&ha->anchor.nbindings)) ||
	    hmip_anchor_nl_prefixes_fill(msg, HMIP_A_HA_PREFIXES, p->home,
					 p->n_home) ||
	    hmip_ha_list_fill(msg, ha)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int hmip_ha_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_HA_MAX + 1];
	struct in6_addr addr;
	struct sk_buff *msg;
	struct hmip_ha *ha;
	void *hdr;
	int err;

	err = hmip_ha_nl_parse(info, tb, &addr);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0, HMIP_CMD_HA_GET);
	mutex_lock(&hn->ha->lock);
	ha = hmip_ha_nl_find(hn, &addr, tb, info->extack);
	if (!ha)
		err = -ENOENT;
	else
		err = hdr ? hmip_ha_nl_fill(msg, ha) : -EMSGSIZE;
	mutex_unlock(&hn->ha->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int hmip_ha_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_ha *ha;
	long skip = cb->args[0], idx = 0;
	void *hdr;

	mutex_lock(&hn->ha->lock);
	list_for_each_entry(ha, &hn->ha->has, list) {
		if (idx < skip) {
			idx++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &hmip_family, NLM_F_MULTI,
				  HMIP_CMD_HA_GET);
		if (!hdr)
			break;
		if (hmip_ha_nl_fill(skb, ha)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		idx++;
	}
	mutex_unlock(&hn->ha->lock);
	cb->args[0] = idx;
	return skb->len;
}
