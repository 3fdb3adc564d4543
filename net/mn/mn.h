/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mobile node role (RFC 4140 sections 6.1, 6.5, 7.2, 8, 9 and 10): MAP
 * options learned from router advertisements (ra.c), the choice of a
 * MAP, the RCoA and the registration with the MAP (reg.c), the home
 * registration through the RCoA (home.c, RFC 6275 section 11), the
 * tunnels to the MAP and to the home agent (tunnel.c), configured per
 * interface (mn.c).
 */
#ifndef _HMIP_MN_H
#define _HMIP_MN_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/netdevice.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/hmip.h>

#include "nd/fmip.h"
#include "nd/map_opt.h"

struct hmip_net;
struct hmip_tunnel_demux;
struct hmip_tunnel_ops;
struct hmip_tunnel_route;
struct netlink_ext_ack;
struct nf_hook_state;
struct sk_buff;
struct xfrm_state;

#define HMIP_MN_DEFAULT_LIFETIME	600
#define HMIP_MN_MIN_LIFETIME		4
#define HMIP_MN_MAX_LIFETIME		(0xffff * 4)
/* MAP options one interface keeps: bounds what a router can make us hold. */
#define HMIP_MN_MAX_OPTS		16
/* Prefixes of the last router advertisement kept for choosing the LCoA. */
#define HMIP_MN_MAX_PREFIXES		8
/* Binding Acknowledgments waiting for the worker. */
#define HMIP_MN_MAX_PENDING_BA		4
/* RFC 6275 section 13: InitialBindackTimeoutFirstReg is 1.5 s for a home
 * registration; a MAP answers a first registration after DAD (1 s), later
 * ones at once. The schedule: 1 s doubling to MAX_BINDACK_TIMEOUT.
 */
#define HMIP_MN_INITIAL_TIMEOUT		HZ
#define HMIP_MN_HOME_FIRST_TIMEOUT	(3 * HZ / 2)
#define HMIP_MN_MAX_TIMEOUT		(32 * HZ)
/* How often the worker looks whether a new RCoA is usable yet. */
#define HMIP_MN_ADDR_WAIT		(HZ / 50)
/* RFC 6275 section 11.8: MAX_UPDATE_RATE, Binding Updates per second. */
#define HMIP_MN_MAX_UPDATE_RATE		3
/* A MAP that refused us is not chosen again for this long. */
#define HMIP_MN_REFUSED_HOLD		(60 * HZ)
/* An option with valid lifetime 0 (a failed MAP) is shown this long. */
#define HMIP_MN_ZERO_HOLD		(60 * HZ)
/* RFC 6275 section 12: INITIAL_DHAAD_TIMEOUT, MAX_DHAAD_RETRIES. */
#define HMIP_MN_DHAAD_TIMEOUT		(3 * HZ)
#define HMIP_MN_DHAAD_RETRIES		4
/* Home agents of a discovery reply kept: a reply fits the minimum MTU
 * (section 10.5.1), 76 addresses; the node tries them in turn and
 * rarely needs more than a few.
 */
#define HMIP_MN_MAX_HAS			8
/* Home Binding Updates without an answer before a discovered home agent
 * is given up for the next one (section 11.4.1): 1.5 + 3 + 6 + 12 s.
 */
#define HMIP_MN_HA_TRIES		4
/* RFC 6275 sections 11.8 and 12: INITIAL_SOLICIT_TIMER; a Mobile Prefix
 * Solicitation is retransmitted, the wait doubling, this many times.
 */
#define HMIP_MN_MPS_TIMEOUT		(3 * HZ)
#define HMIP_MN_MPS_RETRIES		3
/* Home prefixes of a Mobile Prefix Advertisement kept. */
#define HMIP_MN_MAX_HOME_PREFIXES	4
/* Advertisement Intervals outside what RFC 6275 section 7.5 and RFC 4861
 * section 6.2.1 let a router use for MaxRtrAdvInterval (30 ms lets
 * MinRtrAdvInterval's floor through) are not taken.
 */
#define HMIP_MN_ADV_MIN_MS		30
#define HMIP_MN_ADV_MAX_MS		1800000
/* Movement detection (RFC 6275 section 11.5.1, md.c): unicast Neighbour
 * Solicitations to a default router that missed its interval before it
 * counts as lost; each is given its Advertisement Interval to be
 * answered, within these bounds.
 */
#define HMIP_MN_PROBES			2
#define HMIP_MN_PROBE_WAIT_MIN		(HZ / 20)
#define HMIP_MN_PROBE_WAIT_MAX		HZ
/* A silent router that answered a probe is probed again after this. */
#define HMIP_MN_SILENT_RECHECK		HZ
/* Another router heard this recently is taken when the current is lost. */
#define HMIP_MN_ALT_FRESH		(3 * HZ)

/**
 * struct hmip_mn_router - a router of the link as its advertisements said
 * @addr: its link-local address, the advertisements' source
 * @prefixes: the autonomous /64 prefixes it advertised last
 * @n_prefixes: entries of @prefixes in use
 * @heard: jiffies of its last advertisement
 * @adv_ms: its Advertisement Interval (RFC 6275 section 7.3), or 0
 */
struct hmip_mn_router {
	struct in6_addr addr;
	struct in6_addr prefixes[HMIP_MN_MAX_PREFIXES];
	unsigned int n_prefixes;
	unsigned long heard;
	u32 adv_ms;
};

/**
 * struct hmip_mn_md - movement detection's state (md.c), the worker's
 * @probes: Neighbour Solicitations sent to the silent default router
 * @probe_start: jiffies of the first of them
 * @probe_sent: jiffies of the last
 * @alive_until: the router answered while silent: not probed again
 *	before this
 * @rs_sent: Router Solicitations sent since the link came up
 */
struct hmip_mn_md {
	unsigned int probes;
	unsigned long probe_start;
	unsigned long probe_sent;
	unsigned long alive_until;
	unsigned int rs_sent;
};

/**
 * struct hmip_mn_opt - a MAP option heard in router advertisements
 * @info: what it said last
 * @router: link-local address of the router that sent it last
 * @heard: jiffies it was last heard
 * @refused_until: jiffies before which the MAP is not chosen (it refused
 *	a Binding Update), or 0
 */
struct hmip_mn_opt {
	struct hmip_map_info info;
	struct in6_addr router;
	unsigned long heard;
	unsigned long refused_until;
};

/**
 * struct hmip_mn_path - what the data path needs of one registration
 * @map: the MAP: outer destination out, outer source in
 * @rcoa: inner source out, inner destination in
 * @lcoa: outer source out
 * @route: the outer route to @map, cached by the tunnel (tunnel.c)
 * @rcu: for call_rcu()
 *
 * Immutable once published but for @route; the worker replaces it.
 */
struct hmip_mn_path {
	struct in6_addr map;
	struct in6_addr rcoa;
	struct in6_addr lcoa;
	struct hmip_tunnel_route __rcu *route;
	struct rcu_head rcu;
};

/**
 * struct hmip_mn_ba - a Binding Acknowledgment, checked and decoded
 * @map: its source
 * @rcoa: the home address of its type 2 routing header
 * @status: its status
 * @seq: its sequence number
 * @lifetime: seconds granted
 * @refresh: seconds of its Binding Refresh Advice, or 0
 * @home: from the home agent (@map is then the home agent, @rcoa the
 *	home address)
 */
struct hmip_mn_ba {
	bool home;
	struct in6_addr map;
	struct in6_addr rcoa;
	u8 status;
	u16 seq;
	u32 lifetime;
	u32 refresh;
};

/**
 * struct hmip_mn_reg - a registration with one MAP
 * @active: in use
 * @map: the MAP's address
 * @rcoa: the RCoA formed from its prefix
 * @lcoa: the LCoA of the last Binding Update
 * @state: &enum hmip_mn_reg_state
 * @acked: the last Binding Update was acknowledged
 * @seq: sequence number of the last Binding Update
 * @status: status of the last acknowledgment
 * @lifetime: seconds granted by the last acknowledgment
 * @sent: jiffies of the last Binding Update
 * @expires: jiffies the binding at the MAP runs out (registered)
 * @next: jiffies of the next Binding Update, or 0 for none
 * @timeout: the retransmission timeout now, jiffies
 * @retries: Binding Updates sent since the last acknowledgment
 * @ro_state: the route optimization state for the RCoA's routing header
 * @path: what the data path sees (RCU)
 */
struct hmip_mn_reg {
	bool active;
	struct in6_addr map;
	struct in6_addr rcoa;
	struct in6_addr lcoa;
	u8 state;
	bool acked;
	u16 seq;
	u8 status;
	u32 lifetime;
	unsigned long sent;
	unsigned long expires;
	unsigned long next;
	unsigned long timeout;
	u32 retries;
	struct xfrm_state *ro_state;
	struct hmip_mn_path __rcu *path;
};

/**
 * struct hmip_mn_home_path - what the data path needs of the home
 *	registration
 * @hoa: the home address: inner source out, inner destination in
 * @ha: the home agent: outer destination out, outer source in
 * @coa: the care-of address registered: outer source out, outer
 *	destination in
 * @dev: the home tunnel device
 * @route: the outer route to @ha, cached by the tunnel (tunnel.c)
 * @rcu: for call_rcu()
 */
struct hmip_mn_home_path {
	struct in6_addr hoa;
	struct in6_addr ha;
	struct in6_addr coa;
	struct net_device *dev;
	struct hmip_tunnel_route __rcu *route;
	struct rcu_head rcu;
};

/**
 * struct hmip_mn_dhaad - Dynamic Home Agent Address Discovery (dhaad.c)
 * @src: the care-of address the request went from, or :: between rounds
 * @id: the Identifier of this round's request (its retransmissions keep it)
 * @requests: requests sent since the last reply, the round's
 *	retransmissions included
 * @round: requests of this round
 * @next: jiffies of the next request, or 0 for none
 * @timeout: the retransmission timeout now, jiffies
 * @list: the home agents of the last reply, in its order
 * @n: entries of @list
 * @idx: the entry of @list in use (&hmip_mn.ha)
 */
struct hmip_mn_dhaad {
	struct in6_addr src;
	u16 id;
	u32 requests;
	u32 round;
	unsigned long next;
	unsigned long timeout;
	struct in6_addr list[HMIP_MN_MAX_HAS];
	unsigned int n;
	unsigned int idx;
};

/**
 * struct hmip_mn_fmip_info - what a Proxy Router Advertisement said about
 *	the new access router asked for (fmip.c)
 * @router: its source, the current access router
 * @code: its Code
 * @found: it held a tuple for the new access router
 * @prefix: that router's prefix
 * @plen: its length
 * @ap: the access point's link-layer address, @ap_len octets
 * @ap_len: see above
 * @lla: the new router's link-layer address, @lla_len octets (0: none)
 * @lla_len: see above
 * @map: the address of its first valid MAP option
 * @has_map: it had one
 * @nar: the new access router's IP address of the tuple taken
 * @unsolicited: it came unsolicited from the default router (Code 1,
 *	network-initiated, RFC 5568 3.3)
 */
struct hmip_mn_fmip_info {
	struct in6_addr router;
	u8 code;
	bool found;
	struct in6_addr prefix;
	u8 plen;
	u8 ap[HMIP_FMIP_LLA_MAX];
	u8 ap_len;
	u8 lla[HMIP_FMIP_LLA_MAX];
	u8 lla_len;
	struct in6_addr map;
	bool has_map;
	struct in6_addr nar;
	bool unsolicited;
};

/**
 * struct hmip_mn_fmip - a fast handover's preparation (fmip.c)
 * @state: &enum hmip_mn_fmip_state
 * @ar: the new access router asked about
 * @id: the Identifier of the RtSolPr (its retransmissions keep it)
 * @requests: RtSolPr sent for this preparation
 * @next: jiffies of the next RtSolPr, or 0 for none
 * @timeout: the retransmission timeout now, jiffies
 * @info: the answer, once @state is past soliciting
 * @ncoa: the prospective new care-of address, or ::
 * @fbu: &enum hmip_mn_fbu_state, the Fast Binding Update's
 * @fbu_seq: its sequence number, from the registration's space
 * @fbu_tries: times it was sent
 * @fbu_next: jiffies of its next retransmission, or 0 for none
 * @fbu_timeout: the retransmission timeout now, jiffies
 * @pcoa: the LCoA the preparation was made on, the FBU's source
 * @fback_status: the status of its acknowledgment
 * @una: the Unsolicited Neighbor Advertisement went on arrival
 * @arrival: &enum hmip_mn_arrival, the NCoA configured on link-up
 * @own_addr: the node added the NCoA itself (it was not on the
 *	interface): removed again unless a router advertisement confirms it
 */
struct hmip_mn_fmip {
	u8 state;
	struct in6_addr ar;
	u16 id;
	u32 requests;
	unsigned long next;
	unsigned long timeout;
	struct hmip_mn_fmip_info info;
	struct in6_addr ncoa;
	u8 fbu;
	u16 fbu_seq;
	u32 fbu_tries;
	unsigned long fbu_next;
	unsigned long fbu_timeout;
	struct in6_addr pcoa;
	u8 fback_status;
	bool una;
	u8 arrival;
	bool own_addr;
};

/**
 * struct hmip_mn_home_prefix - a prefix of the home link, from a Mobile
 *	Prefix Advertisement
 * @prefix: the prefix
 * @len: its length
 * @valid: its valid lifetime, seconds from @heard (0xffffffff: infinity)
 * @preferred: its preferred lifetime, the same way
 */
struct hmip_mn_home_prefix {
	struct in6_addr prefix;
	u8 len;
	u32 valid;
	u32 preferred;
};

/**
 * struct hmip_mn_mpd - Mobile Prefix Discovery from the node (mpd.c)
 * @id: the Identifier of the last solicitation
 * @waiting: it awaits its advertisement
 * @round: solicitations of this round, retransmissions included
 * @next: jiffies of the next solicitation, or 0 for none
 * @timeout: the retransmission timeout now, jiffies
 * @heard: jiffies of the last advertisement taken, or 0
 * @prefixes: its home prefixes, @n of them
 * @n: see above
 */
struct hmip_mn_mpd {
	u16 id;
	bool waiting;
	u32 round;
	unsigned long next;
	unsigned long timeout;
	unsigned long heard;
	struct hmip_mn_home_prefix prefixes[HMIP_MN_MAX_HOME_PREFIXES];
	unsigned int n;
};

/**
 * struct hmip_mn_home - the registration with the home agent (home.c)
 * @state: &enum hmip_mn_home_state
 * @coa: the care-of address of the last Binding Update, or ::
 * @acked: the last Binding Update was acknowledged
 * @ever: a home registration was accepted once (the timeouts of RFC
 *	6275 section 13 differ for the first one)
 * @seq: sequence number of the last Binding Update
 * @status: status of the last acknowledgment
 * @lifetime: seconds granted by the last acknowledgment
 * @asked: seconds asked for in the last Binding Update
 * @sent: jiffies of the last Binding Update
 * @expires: jiffies the binding at the home agent runs out (registered)
 * @next: jiffies of the next Binding Update, or 0 for none
 * @timeout: the retransmission timeout now, jiffies
 * @retries: Binding Updates sent since the last acknowledgment
 * @ro_state: the route optimization state for the home address's type 2
 *	routing header
 * @path: what the data path sees (RCU)
 */
struct hmip_mn_home {
	u8 state;
	struct in6_addr coa;
	bool acked;
	bool ever;
	u16 seq;
	u8 status;
	u32 lifetime;
	u32 asked;
	unsigned long sent;
	unsigned long expires;
	unsigned long next;
	unsigned long timeout;
	u32 retries;
	struct xfrm_state *ro_state;
	struct hmip_mn_home_path __rcu *path;
};

enum {
	HMIP_MN_CUR,	/* the current MAP's */
	HMIP_MN_PREV,	/* the previous MAP's, until it expires (section 8) */
	HMIP_MN_REGS
};

/**
 * struct hmip_mn - the mobile node role on one interface
 * @list: in &hmip_net.mns (RCU)
 * @hn: the netns's state
 * @ifindex: the interface
 * @tunnel: the tunnel device to the MAP; holds the RCoAs
 * @policy: &enum hmip_mn_policy
 * @fixed_map: the MAP of %HMIP_MN_POLICY_FIXED
 * @lifetime: seconds requested in Binding Updates
 * @require_ipsec: accept only protected Binding Acknowledgments
 * @mode: &enum hmip_mn_mode
 * @hoa: the home address, or :: for no home registration
 * @home_plen: the home prefix's length
 * @ha: the home agent: configured, or with @ha_discover the one discovery
 *	found (:: until then)
 * @ha_discover: find the home agent by discovery
 * @rfc: %HMIP_RFC_4140 or %HMIP_RFC_5380: the rules the node follows
 *	where the two differ
 * @rcoa_alloc: the RCoA a MAP allocated through IKEv2, or :: (reg.c)
 * @home_tunnel: the tunnel device to the home agent, holding @hoa, or
 *	NULL without one
 * @lock: protects the inbox below (router advertisements and Binding
 *	Acknowledgments arrive in softirq)
 * @opts: MAP options heard (inbox)
 * @n_opts: entries of @opts in use
 * @router: the default router: the first whose advertisement was heard
 *	on the link, kept until it is lost (RFC 6275 section 11.5.1) (inbox)
 * @prefixes: the autonomous /64 prefixes it advertised (inbox)
 * @n_prefixes: entries of @prefixes in use
 * @router_heard: jiffies of its last advertisement (inbox)
 * @router_adv_ms: its Advertisement Interval, or 0 (inbox)
 * @alt: the last other router heard, taken when @router is lost (inbox)
 * @router_failed: the kernel's NUD found @router unreachable (inbox)
 * @rs_due: the link came up: a Router Solicitation is due (inbox)
 * @link_up: the link came up: an arrival in the prepared cell (inbox)
 * @silence: runs out when @router missed its Advertisement Interval;
 *	each of its advertisements sets it again, and it wakes the worker
 * @heard_ra: a router advertisement arrived since the link was last lost
 * @mtu_sync: the tunnels' MTU is due to be set again (tunnel.c)
 * @ba: Binding Acknowledgments for the worker (inbox)
 * @n_ba: entries of @ba in use
 * @dhaad_src: where a discovery reply is awaited (the request's source),
 *	or :: for none (inbox)
 * @dhaad_id: its Identifier (inbox)
 * @dhaad_rx: the home agents of the reply, @n_dhaad_rx of them; a reply
 *	is in while @n_dhaad_rx is not 0 (inbox)
 * @n_dhaad_rx: see above
 * @mpa_id: the Identifier of the solicitation awaiting its advertisement
 *	(inbox)
 * @mpa_waiting: one awaits it (inbox)
 * @mpa_rx: the prefixes of the advertisement, @n_mpa_rx of them (inbox)
 * @n_mpa_rx: see above
 * @mpa_in: an advertisement is in (inbox)
 * @mpa_unsolicited: an unsolicited one came: solicit (inbox)
 * @fmip_waiting: a Proxy Router Advertisement is awaited (inbox)
 * @fmip_id: with this Identifier (inbox)
 * @fmip_ar: about this new access router (inbox)
 * @fmip_rx: what it said, when @fmip_in (inbox)
 * @fmip_in: one is in (inbox)
 * @fback_in: a Fast Binding Acknowledgment is in (inbox)
 * @fback_status: its status (inbox)
 * @fback_seq: its sequence number (inbox)
 * @mutex: protects everything below, and the settings
 * @work: the worker: selection, registration, timers
 * @dead: being deleted; the worker does nothing more
 * @lcoa: the on-link care-of address, or :: for none
 * @reg: the registrations, &HMIP_MN_CUR and &HMIP_MN_PREV
 * @sent: jiffies of the last Binding Updates, for MAX_UPDATE_RATE
 * @had_lcoa: had an LCoA before: the next one is a movement
 * @moves: movements seen
 * @moved: jiffies of the last movement, until its Binding Update is
 *	acknowledged; 0 otherwise
 * @handover_ms: time from the last movement to that acknowledgment
 * @home: the home registration
 * @dhaad: home agent discovery
 * @mpd: prefix discovery
 * @fmip: fast handover preparation
 * @md: movement detection
 * @saved_optimistic_dad: the interface's optimistic_dad before the role
 *	set it, restored by mn del
 * @saved_use_optimistic: its use_optimistic likewise
 * @rcu: for kfree_rcu()
 */
struct hmip_mn {
	struct list_head list;
	struct hmip_net *hn;
	int ifindex;
	struct net_device *tunnel;
	u8 policy;
	struct in6_addr fixed_map;
	u32 lifetime;
	bool require_ipsec;
	u8 mode;
	struct in6_addr hoa;
	u8 home_plen;
	struct in6_addr ha;
	bool ha_discover;
	u16 rfc;
	struct in6_addr rcoa_alloc;
	struct net_device *home_tunnel;

	spinlock_t lock;	/* see above */
	struct hmip_mn_opt opts[HMIP_MN_MAX_OPTS];
	unsigned int n_opts;
	struct in6_addr router;
	struct in6_addr prefixes[HMIP_MN_MAX_PREFIXES];
	unsigned int n_prefixes;
	unsigned long router_heard;
	u32 router_adv_ms;
	struct hmip_mn_router alt;
	bool router_failed;
	bool rs_due;
	bool link_up;
	struct timer_list silence;
	bool heard_ra;
	bool mtu_sync;
	struct hmip_mn_ba ba[HMIP_MN_MAX_PENDING_BA];
	unsigned int n_ba;
	struct in6_addr dhaad_src;
	u16 dhaad_id;
	struct in6_addr dhaad_rx[HMIP_MN_MAX_HAS];
	unsigned int n_dhaad_rx;
	u16 mpa_id;
	bool mpa_waiting;
	struct hmip_mn_home_prefix mpa_rx[HMIP_MN_MAX_HOME_PREFIXES];
	unsigned int n_mpa_rx;
	bool mpa_in;
	bool mpa_unsolicited;
	bool fmip_waiting;
	u16 fmip_id;
	struct in6_addr fmip_ar;
	struct hmip_mn_fmip_info fmip_rx;
	bool fmip_in;
	bool fback_in;
	u8 fback_status;
	u16 fback_seq;

	struct mutex mutex;	/* see above */
	struct delayed_work work;
	bool dead;
	struct in6_addr lcoa;
	struct hmip_mn_reg reg[HMIP_MN_REGS];
	unsigned long sent[HMIP_MN_MAX_UPDATE_RATE];
	bool had_lcoa;
	u32 moves;
	unsigned long moved;
	u32 handover_ms;
	struct hmip_mn_home home;
	struct hmip_mn_dhaad dhaad;
	struct hmip_mn_mpd mpd;
	struct hmip_mn_fmip fmip;
	struct hmip_mn_md md;
	int saved_optimistic_dad;
	int saved_use_optimistic;
	struct rcu_head rcu;
};

/**
 * struct hmip_mn_params - settings of hmip_mn_add() and hmip_mn_set()
 * @policy: &enum hmip_mn_policy
 * @fixed_map: for %HMIP_MN_POLICY_FIXED
 * @lifetime: seconds requested
 * @require_ipsec: accept only protected Binding Acknowledgments
 * @mode: &enum hmip_mn_mode
 * @hoa: the home address, or ::
 * @home_plen: its prefix length
 * @ha: the home agent, or :: with @ha_discover
 * @ha_discover: find the home agent by discovery
 * @rfc: %HMIP_RFC_4140 or %HMIP_RFC_5380
 * @rcoa_alloc: the RCoA a MAP allocated through IKEv2, or ::
 */
struct hmip_mn_params {
	u8 policy;
	struct in6_addr fixed_map;
	u32 lifetime;
	bool require_ipsec;
	u8 mode;
	struct in6_addr hoa;
	u8 home_plen;
	struct in6_addr ha;
	bool ha_discover;
	u16 rfc;
	struct in6_addr rcoa_alloc;
};

/**
 * struct hmip_mn_net - the mobile node role of one netns (&hmip_net.mn)
 * @hn: back pointer for the workers and notifiers
 * @lock: serialises changes to @mns
 * @mns: the interfaces with the role (RCU list of &struct hmip_mn)
 * @hooks: the router advertisement and interception hooks; registered
 *	while @mns is not empty
 * @netdev_nb: link events of the role's interfaces
 * @gc: ends the role of interfaces that went away
 */
struct hmip_mn_net {
	struct hmip_net *hn;
	struct mutex lock;	/* see above */
	struct list_head mns;
	struct nf_hook_ops hooks[2];
	struct notifier_block netdev_nb;
	struct work_struct gc;
};

/* mn.c */
int hmip_mn_net_init(struct hmip_net *hn);
void hmip_mn_net_dev_exit(struct hmip_net *hn);
void hmip_mn_net_exit(struct hmip_net *hn);
int hmip_mn_module_init(void);
void hmip_mn_module_exit(void);
struct hmip_mn *hmip_mn_lookup(struct hmip_net *hn, int ifindex);
int hmip_mn_add(struct hmip_net *hn, int ifindex,
		const struct hmip_mn_params *p, const char *tunnel,
		struct netlink_ext_ack *extack);
int hmip_mn_set(struct hmip_mn *mn, const struct hmip_mn_params *p,
		struct netlink_ext_ack *extack);
void hmip_mn_del(struct hmip_mn *mn);
void hmip_mn_kick(struct hmip_mn *mn);

/* ra.c */
unsigned int hmip_mn_ra_in(void *priv, struct sk_buff *skb,
			   const struct nf_hook_state *state);
u32 hmip_mn_ra_opt_remaining(const struct hmip_mn_opt *o);

/* md.c */
void hmip_mn_md_silence(struct timer_list *t);
unsigned long hmip_mn_md_deadline(u32 adv_ms);
unsigned long hmip_mn_md_tick(struct hmip_mn *mn, unsigned long now);
void hmip_mn_md_dev_init(struct hmip_mn *mn, struct net_device *dev);
void hmip_mn_md_dev_restore(struct hmip_mn *mn);
int hmip_mn_md_module_init(void);
void hmip_mn_md_module_exit(void);

/**
 * struct hmip_mn_ack_drops - the counters (HMIP_MIB_*) of an
 *	acknowledgment's drops, for hmip_mn_reg_ack_owner()
 * @no_rh2: without a type 2 routing header
 * @unknown: not for a registration
 * @unprotected: not protected by IPsec, which the node requires
 */
struct hmip_mn_ack_drops {
	int no_rh2;
	int unknown;
	int unprotected;
};

/* reg.c */
void hmip_mn_reg_work(struct work_struct *work);
struct hmip_mn *hmip_mn_reg_ack_owner(struct hmip_net *hn,
				      struct sk_buff *skb,
				      const struct hmip_mn_ack_drops *drops,
				      bool *home);
void hmip_mn_reg_rcv_ba(struct hmip_net *hn, struct sk_buff *skb);
void hmip_mn_reg_release_all(struct hmip_mn *mn);
int hmip_mn_reg_send(struct hmip_mn *mn, const struct hmip_mn_reg *reg,
		     u8 type, u32 lifetime, const struct in6_addr *coa,
		     const struct in6_addr *altcoa, bool lla);

/* home.c */
struct hmip_mn *hmip_mn_home_find(struct hmip_net *hn,
				  const struct in6_addr *ha,
				  const struct in6_addr *hoa);
void hmip_mn_home_handle_ba(struct hmip_mn *mn, const struct hmip_mn_ba *ba,
			    unsigned long now);
void hmip_mn_home_tick(struct hmip_mn *mn, bool heard,
		       const struct in6_addr *prefixes, unsigned int n,
		       unsigned long now);
unsigned long hmip_mn_home_next(struct hmip_mn *mn, unsigned long next);
void hmip_mn_home_release(struct hmip_mn *mn);
struct net_device *hmip_mn_home_tunnel_create(struct hmip_mn *mn,
					      const struct in6_addr *hoa,
					      struct netlink_ext_ack *extack);
void hmip_mn_home_path_free_rcu(struct rcu_head *head);

/* dhaad.c */
void hmip_mn_dhaad_tick(struct hmip_mn *mn, const struct in6_addr *coa,
			unsigned long now);
void hmip_mn_dhaad_take(struct hmip_mn *mn, unsigned long now);
void hmip_mn_dhaad_next_ha(struct hmip_mn *mn, unsigned long now);
void hmip_mn_dhaad_reset(struct hmip_mn *mn);
unsigned long hmip_mn_dhaad_next(struct hmip_mn *mn, unsigned long next);
bool hmip_mn_dhaad_rcv(struct hmip_net *hn, struct sk_buff *skb,
		       unsigned int off, unsigned int len);

/* mpd.c */
void hmip_mn_mpd_want(struct hmip_mn *mn, unsigned long now);
void hmip_mn_mpd_tick(struct hmip_mn *mn, unsigned long now);
void hmip_mn_mpd_take(struct hmip_mn *mn, unsigned long now);
void hmip_mn_mpd_reset(struct hmip_mn *mn);
unsigned long hmip_mn_mpd_next(struct hmip_mn *mn, unsigned long next);
bool hmip_mn_mpd_rcv(struct hmip_net *hn, struct sk_buff *skb);

/* fmip.c */
int hmip_mn_fmip_prepare(struct hmip_mn *mn, const struct in6_addr *ar,
			 struct netlink_ext_ack *extack);
void hmip_mn_fmip_tick(struct hmip_mn *mn, unsigned long now);
void hmip_mn_fmip_take(struct hmip_mn *mn);
unsigned long hmip_mn_fmip_next(struct hmip_mn *mn, unsigned long next);
bool hmip_mn_fmip_rcv(struct hmip_net *hn, struct sk_buff *skb,
		      const struct hmip_nd_msg *msg, int ifindex);
bool hmip_mn_fmip_arrive(struct hmip_mn *mn, unsigned long now);
void hmip_mn_fmip_rcv_fback(struct hmip_net *hn, struct sk_buff *skb);
const struct in6_addr *hmip_mn_fmip_onlink(struct hmip_mn *mn, bool link_up,
					   bool heard,
					   const struct in6_addr *prefixes,
					   unsigned int n);
void hmip_mn_fmip_release(struct hmip_mn *mn);

/* tunnel.c */
extern const struct hmip_tunnel_ops hmip_mn_tunnel_ops;
extern const struct hmip_tunnel_ops hmip_mn_home_tunnel_ops;
extern const struct hmip_tunnel_demux hmip_mn_tunnel_demux;
unsigned int hmip_mn_tunnel_intercept(void *priv, struct sk_buff *skb,
				      const struct nf_hook_state *state);
void hmip_mn_tunnel_mtu_sync(struct hmip_mn *mn);

#endif /* _HMIP_MN_H */
