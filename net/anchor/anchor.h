/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a MAP shares with a home agent (RFC 4140 section 1: a MAP "acts
 * as a local home agent"): a binding cache (bcache.c), Binding Update
 * processing (bu.c), DAD and proxy Neighbour Discovery (nd.c), the
 * interception of packets for bound addresses (intercept.c), their
 * transmit into the tunnel (xmit.c) and the reverse tunnel's checks
 * (decap.c).
 *
 * The role keeps its anchors in its own list, embeds a &struct
 * hmip_anchor in each and a &struct hmip_anchor_net in its per-netns
 * state, and tells the layer what differs between a MAP and a home agent
 * through a &struct hmip_anchor_ops. Nothing here calls into a role.
 */
#ifndef _HMIP_ANCHOR_ANCHOR_H
#define _HMIP_ANCHOR_ANCHOR_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>
#include <uapi/linux/hmip.h>

#include "anchor/bcache.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

struct genl_info;
struct hmip_anchor_net;
struct net_device;
struct netlink_callback;
struct netlink_ext_ack;
struct nlattr;
struct sk_buff;
struct xfrm_state;

#define HMIP_ANCHOR_MAX_PREFIXES	16

struct hmip_prefix {
	struct in6_addr addr;
	u8 len;
};

/* A MAP's access router for fast handovers (map/hi.c). */
struct hmip_anchor_ar {
	struct in6_addr addr;
	struct hmip_prefix prefix;
	bool buffer;
};

/**
 * struct hmip_anchor_params - what the administrator configures
 * @ifindex: interface on the anchor's link
 * @pref: preference, 0-15
 * @max_lifetime: longest lifetime granted, seconds
 * @max_bindings: most bindings held at once
 * @require_ipsec: accept only IPsec-protected Binding Updates
 * @require_altcoa: refuse one that ESP protected without an Alternate
 *	Care-of Address option (RFC 4877 section 4.1)
 * @mode: &enum hmip_map_mode, how packets for the bound addresses reach
 *	the anchor
 * @rfc: a MAP's %HMIP_RFC_4140 or %HMIP_RFC_5380: the rules it follows
 *	where the two differ (its own MAP option's lifetime)
 * @bicast_ms: a MAP's: how long a Fast Binding Update leaves a copy of
 *	every packet going to the previous LCoA (RFC 4140 Appendix A)
 * @n_onlink: entries in @onlink
 * @n_forward: entries in @forward
 * @n_home: entries in @home
 * @onlink: prefixes a new binding's care-of address must lie in (none:
 *	any)
 * @forward: further prefixes an existing binding may move to (RFC 4140
 *	section 8)
 * @home: a home agent's home prefixes, which hold the addresses it binds
 * @n_pool: entries in @pool
 * @pool: where an IKEv2 daemon allocates the addresses it binds (a MAP's
 *	RCoA pools, RFC 5380 section 6.2): no DAD for them, and only an SA
 *	whose selector names the address alone binds one
 * @n_ar: entries in @ar
 * @ar: a MAP's access routers: a Fast Binding Update whose new LCoA lies
 *	in one's prefix waits for its Handover Acknowledge (RFC 4140
 *	Appendix A, RFC 5568 section 6.2.1)
 * @hi_timeout_ms: a MAP's: the first Handover Initiate's retransmission
 *	timeout
 * @rcu: for kfree_rcu() when replaced
 */
struct hmip_anchor_params {
	int ifindex;
	u8 pref;
	u32 max_lifetime;
	u32 max_bindings;
	bool require_ipsec;
	bool require_altcoa;
	u8 mode;
	u16 rfc;
	u32 bicast_ms;
	u8 n_onlink;
	u8 n_forward;
	u8 n_home;
	struct hmip_prefix onlink[HMIP_ANCHOR_MAX_PREFIXES];
	struct hmip_prefix forward[HMIP_ANCHOR_MAX_PREFIXES];
	struct hmip_prefix home[HMIP_ANCHOR_MAX_PREFIXES];
	u8 n_pool;
	struct hmip_prefix pool[HMIP_ANCHOR_MAX_PREFIXES];
	u8 n_ar;
	struct hmip_anchor_ar ar[HMIP_ANCHOR_MAX_PREFIXES];
	u32 hi_timeout_ms;
	struct rcu_head rcu;
};

/* What the layer counts; the role says in which of its counters
 * (&hmip_anchor_ops.mib), so a MAP's and a home agent's stay apart.
 */
enum hmip_anchor_mib {
	HMIP_ANCHOR_MIB_BU_ACCEPTED,
	HMIP_ANCHOR_MIB_BU_DEREGISTERED,
	HMIP_ANCHOR_MIB_BU_SA_SUCCESSOR,
	HMIP_ANCHOR_MIB_BU_DROP_BAD_OPTION,
	HMIP_ANCHOR_MIB_BU_DROP_NO_HAO,
	HMIP_ANCHOR_MIB_BU_DROP_NO_IPSEC,
	HMIP_ANCHOR_MIB_BU_REJECT_PROHIBITED,
	HMIP_ANCHOR_MIB_BU_REJECT_RESOURCES,
	HMIP_ANCHOR_MIB_BU_REJECT_FLAG,
	HMIP_ANCHOR_MIB_BU_REJECT_PREFIX,
	HMIP_ANCHOR_MIB_BU_REJECT_NOT_ANCHOR,
	HMIP_ANCHOR_MIB_BU_REJECT_DUPLICATE,
	HMIP_ANCHOR_MIB_BU_REJECT_SEQ,
	HMIP_ANCHOR_MIB_BU_REJECT_SA_MISMATCH,
	HMIP_ANCHOR_MIB_BU_REJECT_NO_ALTCOA,
	HMIP_ANCHOR_MIB_BU_REJECT_NOT_ALLOCATED,
	HMIP_ANCHOR_MIB_DAD_STARTED,
	HMIP_ANCHOR_MIB_DAD_CONFLICT,
	HMIP_ANCHOR_MIB_DAD_NS_TX,
	HMIP_ANCHOR_MIB_PROXY_NA,
	HMIP_ANCHOR_MIB_ND_IGNORED,
	HMIP_ANCHOR_MIB_INTERCEPT_UNREACHABLE,
	HMIP_ANCHOR_MIB_INTERCEPT_HOP_LIMIT,
	HMIP_ANCHOR_MIB_INTERCEPT_DROP_FORWARDING,
	HMIP_ANCHOR_MIB_INTERCEPT_DROP_POLICY,
	HMIP_ANCHOR_MIB_ENCAP_DROP_NOT_IPV6,
	HMIP_ANCHOR_MIB_ENCAP_DROP_NO_BINDING,
	HMIP_ANCHOR_MIB_ENCAP_DROP_NOMEM,
	HMIP_ANCHOR_MIB_DECAP_DROP_MALFORMED,
	HMIP_ANCHOR_MIB_DECAP_DROP_NO_BINDING,
	HMIP_ANCHOR_MIB_DECAP_DROP_WRONG_LCOA,
	HMIP_ANCHOR_MIB_DECAP_DROP_POLICY,
	HMIP_ANCHOR_MIB_DECAP_DROP_ECN,
	HMIP_ANCHOR_MIB_ICMP_RELAYED,
	__HMIP_ANCHOR_MIB_MAX
};

/* What &hmip_anchor_ops.bu_unflagged answers for a Binding Update that is
 * to be dropped without an answer.
 */
#define HMIP_ANCHOR_BU_DROP	254

/**
 * struct hmip_anchor_ops - what differs between a MAP and a home agent
 * @role: &enum hmip_role, reported with each binding
 * @bu_flag: the Binding Update flag the role serves (%HMIP_BU_FLAG_M for
 *	a MAP, %HMIP_BU_FLAG_H for a home agent)
 * @bu_refused: flags the role refuses with @bu_refused_status (a MAP: H,
 *	home registration, 131; a home agent: M, 133)
 * @bu_refused_status: see @bu_refused
 * @ba_always: answer every Binding Update, the A flag or not (a home agent,
 *	RFC 6275 section 10.3.1)
 * @link_local: with the L flag, DAD and proxy ND cover the home
 *	address's link-local twin (fe80::/64 + its interface identifier) too
 *	(RFC 6275 sections 10.3.1, 10.4.1)
 * @bu_unflagged: a Binding Update for @addr without @bu_flag: the status
 *	to answer, %HMIP_ANCHOR_BU_DROP to drop it (the role counts, and
 *	sets *@mib to the counter, for the trace); NULL: 133. Context: RCU.
 * @hao_optional: a Binding Update without a Home Address option comes
 *	from the home address itself, which is then its care-of address
 *	too: a deregistration from the home link (a home agent, RFC 6275
 *	sections 9.5.1 and 11.5.4); otherwise it is dropped
 * @dereg_hold: seconds a deregistered binding is kept, invalid, to refuse
 *	a delayed older Binding Update with 135 (a home agent:
 *	MAX_DELETE_BCE_TIMEOUT, RFC 6275 10.3.2); 0 deletes it at once
 * @lifetime_cap: the longest lifetime the role grants a binding of @addr
 *	at @a beyond &hmip_anchor_params.max_lifetime, or NULL for none.
 *	Context: RCU, BHs off.
 * @accepted_status: the success status of an acceptance of @addr at @a
 *	for @lifetime seconds (a home agent: 1 when the home prefix runs out
 *	within it), or NULL for always 0. Context: RCU, BHs off.
 * @tunnel_template: name of a tunnel device the administrator did not
 *	name ("hmip%d")
 * @lookup: the role's anchor at exactly @addr, or NULL. Context: RCU.
 * @lookup_prefix: the role's anchor whose prefix holds @addr (an address
 *	it may bind), or NULL. Context: RCU.
 * @lookup_link_local: with @link_local, the binding whose home address has
 *	the interface identifier of link-local @ll, at an anchor on link
 *	@ifindex, or NULL. Context: RCU.
 * @event: a binding was created, refreshed or moved (%HMIP_EVENT_BINDING_*),
 *	or went (expired, deleted): the role announces it. Called under
 *	&hmip_bcache.lock, BHs off.
 * @mib: the role's counter (&enum hmip_mib_field) for each of the layer's
 *	(&enum hmip_anchor_mib); every entry is set
 * @encap_mib: the role's counters of encapsulation drops
 *
 * Which addresses a role may bind and for how long are the anchor's own:
 * its prefix (&hmip_anchor.plen), @lookup_prefix and its parameters
 * (&hmip_anchor_params.max_lifetime, .onlink, .forward).
 */
struct hmip_anchor_ops {
	u8 role;
	u16 bu_flag;
	u16 bu_refused;
	u8 bu_refused_status;
	bool ba_always;
	bool link_local;
	bool hao_optional;
	u8 dereg_hold;
	const char *tunnel_template;
	struct hmip_anchor *(*lookup)(struct hmip_anchor_net *an,
				      const struct in6_addr *addr);
	struct hmip_anchor *(*lookup_prefix)(struct hmip_anchor_net *an,
					     const struct in6_addr *addr);
	struct hmip_binding *(*lookup_link_local)(struct hmip_anchor_net *an,
						  const struct in6_addr *ll,
						  int ifindex);
	u8 (*bu_unflagged)(struct hmip_anchor_net *an,
			   const struct in6_addr *addr, int *mib);
	u32 (*lifetime_cap)(struct hmip_anchor *a, const struct in6_addr *addr);
	u8 (*accepted_status)(struct hmip_anchor *a,
			      const struct in6_addr *addr, u32 lifetime);
	void (*event)(struct hmip_anchor_net *an, const struct hmip_binding *b,
		      u32 event);
	int mib[__HMIP_ANCHOR_MIB_MAX];
	struct hmip_encap_mib encap_mib;
};

/**
 * struct hmip_anchor - the shared part of one anchor (a MAP, a home agent)
 * @an: the anchors of its role in its netns
 * @addr: the anchor's address
 * @plen: length of its prefix, which holds the addresses it binds (a
 *	MAP's RCoAs)
 * @params: settings; replaced whole, readers hold RCU
 * @nbindings: bindings held now
 * @dead: set under &hmip_bcache.lock when the anchor is being deleted,
 *	so no binding is created for it afterwards
 * @hao_state: route optimization state that lets the kernel accept Home
 *	Address options sent to @addr; NULL when another one was there first
 * @tunnel: the device that carries the anchor's tunnelled traffic; lives
 *	as long as the anchor
 */
struct hmip_anchor {
	struct hmip_anchor_net *an;
	struct in6_addr addr;
	u8 plen;
	struct hmip_anchor_params __rcu *params;
	atomic_t nbindings;
	bool dead;
	struct xfrm_state *hao_state;
	struct net_device *tunnel;
};

/**
 * struct hmip_anchor_net - the anchors of one role in one netns
 * @hn: hmip state of the netns
 * @ops: the role's
 * @bcache: their bindings
 * @nd_hook: watches the anchors' links for DAD conflicts and proxies
 *	Neighbour Solicitations; registered while the role has anchors
 * @intercept_hooks: send packets for bound addresses into the anchor's
 *	tunnel, forwarded and local ones; registered with @nd_hook
 * @dad_work: finishes DAD (nd.c); runs while bindings are under DAD
 */
struct hmip_anchor_net {
	struct hmip_net *hn;
	const struct hmip_anchor_ops *ops;
	struct hmip_bcache bcache;
	struct nf_hook_ops nd_hook;
	struct nf_hook_ops intercept_hooks[2];
	struct delayed_work dad_work;
};

/* Counts one of the layer's events in the role's counter. */
static inline void hmip_anchor_inc_stats(struct hmip_anchor_net *an,
					 enum hmip_anchor_mib field)
{
	HMIP_INC_STATS_IDX(an->hn, an->ops->mib[field]);
}

#define HMIP_ANCHOR_INC_STATS(an, field) \
	hmip_anchor_inc_stats(an, HMIP_ANCHOR_MIB_##field)

/* The anchor that holds a binding of the cache. */
static inline struct hmip_anchor *hmip_anchor_of(const struct hmip_binding *b)
{
	return b->owner;
}

/* Whether @addr lies in @a's prefix. */
static inline bool hmip_anchor_in_prefix(const struct hmip_anchor *a,
					 const struct in6_addr *addr)
{
	return ipv6_prefix_equal(&a->addr, addr, a->plen);
}

/* Whether @a may bind @addr: the role's prefixes say. Context: RCU. */
static inline bool hmip_anchor_binds(struct hmip_anchor *a,
				     const struct in6_addr *addr)
{
	return a->an->ops->lookup_prefix(a->an, addr) == a;
}

/* The link-local twin of @addr (RFC 6275 10.3.1, L=1): fe80::/64 and
 * @addr's interface identifier.
 */
static inline void hmip_anchor_link_local(struct in6_addr *ll,
					  const struct in6_addr *addr)
{
	ll->s6_addr32[0] = htonl(0xfe800000);
	ll->s6_addr32[1] = 0;
	ll->s6_addr32[2] = addr->s6_addr32[2];
	ll->s6_addr32[3] = addr->s6_addr32[3];
}

/* anchor.c */
int hmip_anchor_net_init(struct hmip_anchor_net *an, struct hmip_net *hn,
			 const struct hmip_anchor_ops *ops);
void hmip_anchor_net_exit(struct hmip_anchor_net *an);
int hmip_anchor_start(struct hmip_anchor_net *an,
		      struct netlink_ext_ack *extack);
void hmip_anchor_stop(struct hmip_anchor_net *an);
int hmip_anchor_init(struct hmip_anchor_net *an, struct hmip_anchor *a,
		     const struct in6_addr *addr, u8 plen,
		     const struct hmip_anchor_params *params,
		     const char *tunnel_name, struct netlink_ext_ack *extack);
void hmip_anchor_close(struct hmip_anchor *a);
void hmip_anchor_destroy(struct hmip_anchor *a);
bool hmip_anchor_prefix_match(const struct hmip_prefix *list, unsigned int n,
			      const struct in6_addr *addr);

/* bu.c */
void hmip_anchor_bu_rcv(struct hmip_anchor_net *an, struct sk_buff *skb);
void hmip_anchor_bu_dad_done(struct hmip_anchor_net *an,
			     struct hmip_binding *b, bool unique);

/* nd.c */
int hmip_anchor_nd_start(struct hmip_anchor_net *an);
void hmip_anchor_nd_stop(struct hmip_anchor_net *an);
unsigned long hmip_anchor_nd_dad_time(struct hmip_anchor_net *an,
				      int ifindex);
void hmip_anchor_nd_dad_start(struct hmip_anchor_net *an,
			      struct hmip_binding *b, unsigned long dad_time);
void hmip_anchor_nd_dad_work(struct work_struct *work);
void hmip_anchor_nd_binding_up(struct hmip_anchor_net *an,
			       struct hmip_binding *b);

/* intercept.c */
int hmip_anchor_intercept_start(struct hmip_anchor_net *an);
void hmip_anchor_intercept_stop(struct hmip_anchor_net *an);

/* xmit.c */
int hmip_anchor_xmit_create(struct hmip_anchor *a, const char *name,
			    struct netlink_ext_ack *extack);
void hmip_anchor_xmit_destroy(struct hmip_anchor *a);
void hmip_anchor_xmit_send(struct hmip_anchor *a, struct hmip_binding *b,
			   struct sk_buff *skb);

/* nl.c */
extern const struct nla_policy
	hmip_anchor_nl_prefix_list_policy[HMIP_A_PREFIX_MAX + 1];
int hmip_anchor_nl_prefixes_parse(const struct nlattr *list,
				  struct hmip_prefix *out, u8 *n,
				  struct netlink_ext_ack *extack);
int hmip_anchor_nl_prefixes_fill(struct sk_buff *msg, int type,
				 const struct hmip_prefix *list, u8 n);
extern const struct nla_policy hmip_anchor_nl_binding_req_policy[HMIP_A_MAX + 1];
int hmip_anchor_nl_binding_get_doit(struct sk_buff *skb,
				    struct genl_info *info);
int hmip_anchor_nl_binding_dump_start(struct netlink_callback *cb);
int hmip_anchor_nl_binding_dump_done(struct netlink_callback *cb);
int hmip_anchor_nl_binding_get_dumpit(struct sk_buff *skb,
				      struct netlink_callback *cb);
int hmip_anchor_nl_binding_del_doit(struct sk_buff *skb,
				    struct genl_info *info);
int hmip_anchor_nl_binding_flush_doit(struct sk_buff *skb,
				      struct genl_info *info);
void hmip_anchor_nl_binding_event(struct hmip_net *hn,
				  const struct hmip_binding *b, u32 event);

/* decap.c */
int hmip_anchor_decap_rcv(struct hmip_anchor_net *an, struct sk_buff *skb);
int hmip_anchor_decap_err(struct hmip_anchor_net *an, struct sk_buff *skb,
			  u8 type, u8 code, int offset, __be32 info);

#endif /* _HMIP_ANCHOR_ANCHOR_H */
