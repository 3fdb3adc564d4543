// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP's commands (%HMIP_CMD_MAP_*, %HMIP_CMD_BINDING_*) and its
 * binding events.
 */
#include <linux/netdevice.h>
#include <linux/rhashtable.h>
#include <net/addrconf.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/family.h"
#include "core/netns.h"
#include "map/map.h"
#include "map/nl.h"

static const struct nla_policy hmip_prefix_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy hmip_prefix_list_policy[HMIP_A_PREFIX_MAX + 1] = {
	[HMIP_A_PREFIX] = NLA_POLICY_NESTED(hmip_prefix_policy),
};

static struct netlink_range_validation hmip_map_lifetime_range = {
	.min = 4,
	.max = HMIP_MAP_MAX_LIFETIME,
};

static struct netlink_range_validation hmip_map_bindings_range = {
	.min = 1,
	.max = HMIP_MAP_MAX_BINDINGS,
};

static const struct nla_policy hmip_map_policy[HMIP_A_MAP_MAX + 1] = {
	[HMIP_A_MAP_ADDR] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_MAP_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[HMIP_A_MAP_PREF] = NLA_POLICY_MAX(NLA_U8, 15),
	[HMIP_A_MAP_MAX_LIFETIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_lifetime_range),
	[HMIP_A_MAP_MAX_BINDINGS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &hmip_map_bindings_range),
	[HMIP_A_MAP_ONLINK_PREFIXES] =
		NLA_POLICY_NESTED(hmip_prefix_list_policy),
	[HMIP_A_MAP_FORWARD_PREFIXES] =
		NLA_POLICY_NESTED(hmip_prefix_list_policy),
	[HMIP_A_MAP_REQUIRE_IPSEC] = NLA_POLICY_MAX(NLA_U8, 1),
	[HMIP_A_MAP_BINDINGS] = { .type = NLA_REJECT },
	[HMIP_A_MAP_MODE] = NLA_POLICY_MAX(NLA_U8, HMIP_MAP_MODE_MAX),
	[HMIP_A_MAP_TUNNEL_NAME] = { .type = NLA_NUL_STRING,
				     .len = IFNAMSIZ - 1 },
	[HMIP_A_MAP_TUNNEL_IFINDEX] = { .type = NLA_REJECT },
	[HMIP_A_MAP_REQUIRE_ALTCOA] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy hmip_map_nl_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_MAP] = NLA_POLICY_NESTED(hmip_map_policy),
};

static const struct nla_policy hmip_binding_policy[HMIP_A_BINDING_MAX + 1] = {
	[HMIP_A_BINDING_RCOA] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[HMIP_A_BINDING_MAP] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	/* The rest is state the kernel reports, never takes. */
	[HMIP_A_BINDING_LCOA] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SEQ] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_FLAGS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_LIFETIME] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_REMAINING] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_AGE_MS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_REFRESHED_MS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_TX_PACKETS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_TX_BYTES] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_RX_PACKETS] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_RX_BYTES] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_PROTO] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_SPI] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_DADDR] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_PEER] = { .type = NLA_REJECT },
	[HMIP_A_BINDING_SA_REQID] = { .type = NLA_REJECT },
};

const struct nla_policy hmip_map_nl_binding_req_policy[HMIP_A_MAX + 1] = {
	[HMIP_A_BINDING] = NLA_POLICY_NESTED(hmip_binding_policy),
};

/* ----------------------------------------------------------------- MAPs */

static int hmip_map_nl_prefixes_parse(const struct nlattr *list,
				      struct hmip_prefix *out, u8 *n,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[HMIP_A_PREFIX_MAX + 1];
	const struct nlattr *attr;
	struct in6_addr addr;
	int rem, err;

	*n = 0;
	nla_for_each_nested(attr, list, rem) {
		if (nla_type(attr) != HMIP_A_PREFIX)
			continue;
		if (*n == HMIP_ANCHOR_MAX_PREFIXES) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "at most 16 prefixes per list");
			return -E2BIG;
		}
		err = nla_parse_nested(tb, HMIP_A_PREFIX_MAX, attr,
				       hmip_prefix_policy, extack);
		if (err)
			return err;
		if (!tb[HMIP_A_PREFIX_ADDR] || !tb[HMIP_A_PREFIX_LEN]) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "a prefix needs an address and a length");
			return -EINVAL;
		}
		addr = nla_get_in6_addr(tb[HMIP_A_PREFIX_ADDR]);
		out[*n].len = nla_get_u8(tb[HMIP_A_PREFIX_LEN]);
		/* Not in place: ipv6_addr_prefix() clears its output first. */
		ipv6_addr_prefix(&out[*n].addr, &addr, out[*n].len);
		(*n)++;
	}
	return 0;
}

/* Parse the MAP nest of @info into @tb; the address is required. */
static int hmip_map_nl_attrs(struct genl_info *info, struct nlattr **tb,
			     struct in6_addr *addr)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, HMIP_A_MAP)) {
		GENL_SET_ERR_MSG(info, "no MAP given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, HMIP_A_MAP_MAX, info->attrs[HMIP_A_MAP],
			       hmip_map_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_MAP], tb,
			      HMIP_A_MAP_ADDR)) {
		GENL_SET_ERR_MSG(info, "the MAP's address is missing");
		return -EINVAL;
	}
	*addr = nla_get_in6_addr(tb[HMIP_A_MAP_ADDR]);
	return 0;
}

/* Fold the optional settings of @tb into @p. */
static int hmip_map_nl_params(struct net *net, struct nlattr **tb,
			      struct hmip_anchor_params *p,
			      struct netlink_ext_ack *extack)
{
	int err;

	if (tb[HMIP_A_MAP_IFINDEX]) {
		p->ifindex = nla_get_u32(tb[HMIP_A_MAP_IFINDEX]);
		if (!__dev_get_by_index(net, p->ifindex)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[HMIP_A_MAP_IFINDEX],
					    "no such interface in this netns");
			return -ENODEV;
		}
	}
	if (tb[HMIP_A_MAP_PREF])
		p->pref = nla_get_u8(tb[HMIP_A_MAP_PREF]);
	if (tb[HMIP_A_MAP_MAX_LIFETIME])
		p->max_lifetime = nla_get_u32(tb[HMIP_A_MAP_MAX_LIFETIME]);
	if (tb[HMIP_A_MAP_MAX_BINDINGS])
		p->max_bindings = nla_get_u32(tb[HMIP_A_MAP_MAX_BINDINGS]);
	if (tb[HMIP_A_MAP_REQUIRE_IPSEC])
		p->require_ipsec = nla_get_u8(tb[HMIP_A_MAP_REQUIRE_IPSEC]);
	if (tb[HMIP_A_MAP_REQUIRE_ALTCOA])
		p->require_altcoa = nla_get_u8(tb[HMIP_A_MAP_REQUIRE_ALTCOA]);
	if (tb[HMIP_A_MAP_MODE])
		p->mode = nla_get_u8(tb[HMIP_A_MAP_MODE]);
	if (tb[HMIP_A_MAP_ONLINK_PREFIXES]) {
		err = hmip_map_nl_prefixes_parse(tb[HMIP_A_MAP_ONLINK_PREFIXES],
						 p->onlink, &p->n_onlink, extack);
		if (err)
			return err;
	}
	if (tb[HMIP_A_MAP_FORWARD_PREFIXES]) {
		err = hmip_map_nl_prefixes_parse(tb[HMIP_A_MAP_FORWARD_PREFIXES],
						 p->forward, &p->n_forward, extack);
		if (err)
			return err;
	}
	return 0;
}

int hmip_map_nl_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_anchor_params *p;
	struct in6_addr addr;
	int type, err;

	err = hmip_map_nl_attrs(info, tb, &addr);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[HMIP_A_MAP], tb,
			      HMIP_A_MAP_IFINDEX)) {
		GENL_SET_ERR_MSG(info, "the MAP's interface is missing");
		return -EINVAL;
	}
	type = ipv6_addr_type(&addr);
	if (!(type & IPV6_ADDR_UNICAST) ||
	    type & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK |
		    IPV6_ADDR_MAPPED)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "a MAP address must be global unicast");
		return -EINVAL;
	}

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	hmip_map_params_default(p);

	rtnl_lock();
	err = hmip_map_nl_params(net, tb, p, info->extack);
	rtnl_unlock();
	if (err)
		goto out;
	/* Binding Updates reach the MAP only at one of this node's own
	 * addresses (tentative ones included: DAD may still be running).
	 */
	if (!ipv6_chk_addr_and_flags(net, &addr, NULL, true, 0, 0)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "the MAP address is not configured on this node");
		err = -EADDRNOTAVAIL;
		goto out;
	}

	if (tb[HMIP_A_MAP_TUNNEL_NAME] &&
	    !dev_valid_name(nla_data(tb[HMIP_A_MAP_TUNNEL_NAME]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_TUNNEL_NAME],
				    "not a valid device name");
		err = -EINVAL;
		goto out;
	}

	mutex_lock(&hn->map->lock);
	err = hmip_map_add(hn, &addr, p,
			   tb[HMIP_A_MAP_TUNNEL_NAME] ?
			   nla_data(tb[HMIP_A_MAP_TUNNEL_NAME]) : NULL,
			   info->extack);
	mutex_unlock(&hn->map->lock);
out:
	kfree(p);
	return err;
}

int hmip_map_nl_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct hmip_net *hn = hmip_net(net);
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_anchor_params *p;
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
	if (err)
		return err;
	if (tb[HMIP_A_MAP_TUNNEL_NAME]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_TUNNEL_NAME],
				    "the tunnel device is named when the MAP is added");
		return -EINVAL;
	}

	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (!map) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
		goto unlock;
	}
	memcpy(p, rcu_dereference_protected(map->anchor.params,
					    lockdep_is_held(&hn->map->lock)),
	       sizeof(*p));
	rtnl_lock();
	err = hmip_map_nl_params(net, tb, p, info->extack);
	rtnl_unlock();
	if (!err)
		err = hmip_map_set(hn, map, p);
unlock:
	mutex_unlock(&hn->map->lock);
	kfree(p);
	return err;
}

int hmip_map_nl_del_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
	if (err)
		return err;

	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (map) {
		hmip_map_del(hn, map);
	} else {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
	}
	mutex_unlock(&hn->map->lock);
	return err;
}

static int hmip_map_nl_prefixes_fill(struct sk_buff *msg, int type,
				     const struct hmip_prefix *list, u8 n)
{
	struct nlattr *nest, *entry;
	u8 i;

	nest = nla_nest_start(msg, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		entry = nla_nest_start(msg, HMIP_A_PREFIX);
		if (!entry ||
		    nla_put_in6_addr(msg, HMIP_A_PREFIX_ADDR, &list[i].addr) ||
		    nla_put_u8(msg, HMIP_A_PREFIX_LEN, list[i].len)) {
			nla_nest_cancel(msg, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* Caller holds RCU or hn->map->lock. */
static int hmip_map_nl_fill(struct sk_buff *msg, const struct hmip_map *map)
{
	const struct hmip_anchor_params *p =
		rcu_dereference_check(map->anchor.params, true);
	struct nlattr *nest;

	nest = nla_nest_start(msg, HMIP_A_MAP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_MAP_ADDR, &map->anchor.addr) ||
	    nla_put_u32(msg, HMIP_A_MAP_IFINDEX, p->ifindex) ||
	    nla_put_u8(msg, HMIP_A_MAP_PREF, p->pref) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_LIFETIME, p->max_lifetime) ||
	    nla_put_u32(msg, HMIP_A_MAP_MAX_BINDINGS, p->max_bindings) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_IPSEC, p->require_ipsec) ||
	    nla_put_u8(msg, HMIP_A_MAP_REQUIRE_ALTCOA, p->require_altcoa) ||
	    nla_put_u8(msg, HMIP_A_MAP_MODE, p->mode) ||
	    nla_put_u32(msg, HMIP_A_MAP_TUNNEL_IFINDEX,
			map->anchor.tunnel->ifindex) ||
	    nla_put_u32(msg, HMIP_A_MAP_BINDINGS,
			atomic_read(&map->anchor.nbindings)) ||
	    hmip_map_nl_prefixes_fill(msg, HMIP_A_MAP_ONLINK_PREFIXES,
				      p->onlink, p->n_onlink) ||
	    hmip_map_nl_prefixes_fill(msg, HMIP_A_MAP_FORWARD_PREFIXES,
				      p->forward, p->n_forward)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

int hmip_map_nl_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_MAP_MAX + 1];
	struct hmip_map *map;
	struct in6_addr addr;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_map_nl_attrs(info, tb, &addr);
	if (err)
		return err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0, HMIP_CMD_MAP_GET);
	mutex_lock(&hn->map->lock);
	map = hmip_map_lookup(hn, &addr);
	if (!map) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_MAP_ADDR],
				    "no MAP with this address");
		err = -ENOENT;
	} else {
		err = hdr ? hmip_map_nl_fill(msg, map) : -EMSGSIZE;
	}
	mutex_unlock(&hn->map->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int hmip_map_nl_get_dumpit(struct sk_buff *skb,
			   struct netlink_callback *cb)
{
	struct hmip_net *hn = hmip_net(sock_net(skb->sk));
	struct hmip_map *map;
	long idx = 0;
	int err = 0;
	void *hdr;

	mutex_lock(&hn->map->lock);
	list_for_each_entry(map, &hn->map->maps, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &hmip_family, NLM_F_MULTI,
				  HMIP_CMD_MAP_GET);
		if (!hdr || hmip_map_nl_fill(skb, map)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			idx--;
			err = skb->len ? 0 : -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&hn->map->lock);
	cb->args[0] = idx;
	return err ?: skb->len;
}

/* ------------------------------------------------------------- bindings */

/* Where a mobile node is, its LCoA, and the SA it keys with are for
 * CAP_NET_ADMIN only (location privacy, RFC 4140 section 6.6): @whole
 * says whether the reader may see them.
 */
static int hmip_map_nl_binding_fill(struct sk_buff *msg,
				    const struct hmip_binding *b, bool whole)
{
	u64 now = get_jiffies_64();
	long remaining = (long)(READ_ONCE(b->expires) - jiffies);
	struct hmip_sa_id sa;
	struct in6_addr lcoa;
	struct nlattr *nest;

	hmip_anchor_bcache_binding_lcoa(b, &lcoa);
	hmip_anchor_bcache_binding_sa(b, &sa);
	if (!whole)
		sa.proto = 0;
	nest = nla_nest_start(msg, HMIP_A_BINDING);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_in6_addr(msg, HMIP_A_BINDING_RCOA, &b->rcoa) ||
	    (whole && nla_put_in6_addr(msg, HMIP_A_BINDING_LCOA, &lcoa)) ||
	    nla_put_in6_addr(msg, HMIP_A_BINDING_MAP,
			     &hmip_anchor_of(b)->addr) ||
	    nla_put_u16(msg, HMIP_A_BINDING_SEQ, READ_ONCE(b->seq)) ||
	    nla_put_u16(msg, HMIP_A_BINDING_FLAGS, READ_ONCE(b->flags)) ||
	    nla_put_u32(msg, HMIP_A_BINDING_LIFETIME, READ_ONCE(b->lifetime)) ||
	    nla_put_u32(msg, HMIP_A_BINDING_REMAINING,
			remaining > 0 ? DIV_ROUND_UP(remaining, HZ) : 0) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_AGE_MS,
			      jiffies64_to_msecs(now - b->created),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_REFRESHED_MS,
			      jiffies64_to_msecs(now - READ_ONCE(b->refreshed)),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_TX_PACKETS,
			      atomic64_read(&b->tx_packets),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_TX_BYTES,
			      atomic64_read(&b->tx_bytes), HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_RX_PACKETS,
			      atomic64_read(&b->rx_packets),
			      HMIP_A_BINDING_PAD) ||
	    nla_put_u64_64bit(msg, HMIP_A_BINDING_RX_BYTES,
			      atomic64_read(&b->rx_bytes), HMIP_A_BINDING_PAD) ||
	    (sa.proto &&
	     (nla_put_u8(msg, HMIP_A_BINDING_SA_PROTO, sa.proto) ||
	      nla_put_u32(msg, HMIP_A_BINDING_SA_SPI, ntohl(sa.spi)) ||
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_DADDR,
			       &hmip_anchor_of(b)->addr) ||
	      nla_put_in6_addr(msg, HMIP_A_BINDING_SA_PEER, &sa.peer) ||
	      nla_put_u32(msg, HMIP_A_BINDING_SA_REQID, sa.reqid)))) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	return 0;
}

/* An event message for any group. Context: any; GFP_ATOMIC. */

static int hmip_map_nl_binding_event_fill(struct sk_buff *msg, const void *b,
					  bool whole)
{
	return hmip_map_nl_binding_fill(msg, b, whole);
}

/**
 * hmip_map_nl_binding_event - announce a change of a binding
 * @hn: hmip state of the netns
 * @b: the binding, as it is after the change
 * @event: one of the %HMIP_EVENT_BINDING_* values
 *
 * Whole on the group that needs CAP_NET_ADMIN, without the LCoA and the
 * SA on the other.
 *
 * Context: any; the cache's lock may be held.
 */
void hmip_map_nl_binding_event(struct hmip_net *hn,
			       const struct hmip_binding *b, u32 event)
{
	hmip_family_event_split(hn->net, event, hmip_map_nl_binding_event_fill,
				b);
}

static int hmip_map_nl_binding_attrs(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[HMIP_A_BINDING]) {
		memset(tb, 0, sizeof(*tb) * (HMIP_A_BINDING_MAX + 1));
		return 0;
	}
	return nla_parse_nested(tb, HMIP_A_BINDING_MAX,
				info->attrs[HMIP_A_BINDING],
				hmip_binding_policy, info->extack);
}

int hmip_map_nl_binding_get_doit(struct sk_buff *skb,
				 struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	const struct hmip_binding *b;
	struct in6_addr rcoa;
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = hmip_map_nl_binding_attrs(info, tb);
	if (err)
		return err;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		GENL_SET_ERR_MSG(info, "the binding's RCoA is missing");
		return -EINVAL;
	}
	rcoa = nla_get_in6_addr(tb[HMIP_A_BINDING_RCOA]);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &hmip_family, 0,
				HMIP_CMD_BINDING_GET);
	rcu_read_lock();
	b = hmip_anchor_bcache_lookup(&hn->map->anchors.bcache, &rcoa);
	if (!b) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
				    "no binding for this RCoA");
		err = -ENOENT;
	} else {
		err = hdr ? hmip_map_nl_binding_fill(msg, b,
						 hmip_family_whole(skb, hn->net)) :
			    -EMSGSIZE;
	}
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* A dump walks the hash table across calls; cb->args[0] holds the walker,
 * whether a MAP filter applies, and what the requester may see (decided
 * once, by the request's sender).
 */
struct hmip_map_nl_binding_dump {
	struct rhashtable_iter iter;
	bool filter;
	bool whole;
	struct in6_addr map;
};

int hmip_map_nl_binding_dump_start(struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct hmip_net *hn = hmip_net(sock_net(cb->skb->sk));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_map_nl_binding_dump *d;
	int err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	if (info->attrs[HMIP_A_BINDING]) {
		err = nla_parse_nested(tb, HMIP_A_BINDING_MAX,
				       info->attrs[HMIP_A_BINDING],
				       hmip_binding_policy, cb->extack);
		if (err) {
			kfree(d);
			return err;
		}
		if (tb[HMIP_A_BINDING_MAP]) {
			d->filter = true;
			d->map = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		}
	}
	d->whole = hmip_family_whole(cb->skb, hn->net);
	rhashtable_walk_enter(&hn->map->anchors.bcache.ht, &d->iter);
	cb->args[0] = (long)d;
	return 0;
}

int hmip_map_nl_binding_dump_done(struct netlink_callback *cb)
{
	struct hmip_map_nl_binding_dump *d = (void *)cb->args[0];

	if (d) {
		rhashtable_walk_exit(&d->iter);
		kfree(d);
	}
	return 0;
}

int hmip_map_nl_binding_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	struct hmip_map_nl_binding_dump *d = (void *)cb->args[0];
	struct hmip_binding *b;
	void *hdr;

	rhashtable_walk_start(&d->iter);
	for (;;) {
		b = rhashtable_walk_peek(&d->iter);
		if (IS_ERR(b)) {
			if (PTR_ERR(b) == -EAGAIN)
				continue;	/* table resized: go on */
			break;
		}
		if (!b)
			break;
		if (!d->filter ||
		    ipv6_addr_equal(&hmip_anchor_of(b)->addr, &d->map)) {
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &hmip_family,
					  NLM_F_MULTI, HMIP_CMD_BINDING_GET);
			if (!hdr)
				break;
			if (hmip_map_nl_binding_fill(skb, b, d->whole)) {
				genlmsg_cancel(skb, hdr);
				break;
			}
			genlmsg_end(skb, hdr);
		}
		/* Only now past it: a full skb retries it next time. */
		rhashtable_walk_next(&d->iter);
	}
	rhashtable_walk_stop(&d->iter);
	return skb->len;
}

int hmip_map_nl_binding_del_doit(struct sk_buff *skb,
				 struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_binding *b;
	struct in6_addr rcoa;
	int err;

	err = hmip_map_nl_binding_attrs(info, tb);
	if (err)
		return err;
	if (!tb[HMIP_A_BINDING_RCOA]) {
		GENL_SET_ERR_MSG(info, "the binding's RCoA is missing");
		return -EINVAL;
	}
	rcoa = nla_get_in6_addr(tb[HMIP_A_BINDING_RCOA]);

	/* The lookup is an RCU reader even with the lock held (PROVE_RCU). */
	rcu_read_lock();
	spin_lock_bh(&hn->map->anchors.bcache.lock);
	b = hmip_anchor_bcache_lookup(&hn->map->anchors.bcache, &rcoa);
	if (b)
		hmip_anchor_bcache_delete(&hn->map->anchors.bcache, b,
					  HMIP_BINDING_GONE_DELETED);
	spin_unlock_bh(&hn->map->anchors.bcache.lock);
	rcu_read_unlock();
	if (!b) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[HMIP_A_BINDING_RCOA],
				    "no binding for this RCoA");
		return -ENOENT;
	}
	return 0;
}

int hmip_map_nl_binding_flush_doit(struct sk_buff *skb,
				   struct genl_info *info)
{
	struct hmip_net *hn = hmip_net(genl_info_net(info));
	struct nlattr *tb[HMIP_A_BINDING_MAX + 1];
	struct hmip_map *map = NULL;
	struct in6_addr addr;
	int err;

	err = hmip_map_nl_binding_attrs(info, tb);
	if (err)
		return err;

	mutex_lock(&hn->map->lock);
	if (tb[HMIP_A_BINDING_MAP]) {
		addr = nla_get_in6_addr(tb[HMIP_A_BINDING_MAP]);
		map = hmip_map_lookup(hn, &addr);
		if (!map) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[HMIP_A_BINDING_MAP],
					    "no MAP with this address");
			err = -ENOENT;
			goto unlock;
		}
	}
	hmip_anchor_bcache_flush(&hn->map->anchors.bcache,
				 map ? &map->anchor : NULL,
				 HMIP_BINDING_GONE_DELETED);
unlock:
	mutex_unlock(&hn->map->lock);
	return err;
}
