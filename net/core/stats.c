// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns counters, their names, and the two ways they are read: the
 * netlink reply of %HMIP_CMD_STATS_GET and /proc/net/hmip_snmp6, in the
 * format of /proc/net/snmp6 for the tools that read that (nstat's way).
 */

#include <linux/ctype.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/ip.h>
#include <net/netlink.h>
#include <uapi/linux/hmip.h>

#include "core/netns.h"
#include "core/stats.h"

static const char * const hmip_mib_names[__HMIP_MIB_MAX] = {
	[HMIP_MIB_MH_RX] = "mh_rx",
	[HMIP_MIB_MH_RX_BRR] = "mh_rx_brr",
	[HMIP_MIB_MH_RX_HOTI] = "mh_rx_hoti",
	[HMIP_MIB_MH_RX_COTI] = "mh_rx_coti",
	[HMIP_MIB_MH_RX_HOT] = "mh_rx_hot",
	[HMIP_MIB_MH_RX_COT] = "mh_rx_cot",
	[HMIP_MIB_MH_RX_BU] = "mh_rx_bu",
	[HMIP_MIB_MH_RX_BA] = "mh_rx_ba",
	[HMIP_MIB_MH_RX_BE] = "mh_rx_be",
	[HMIP_MIB_MH_RX_UNKNOWN_TYPE] = "mh_rx_unknown_type",
	[HMIP_MIB_MH_DROP_TRUNCATED] = "mh_drop_truncated",
	[HMIP_MIB_MH_DROP_BAD_CHECKSUM] = "mh_drop_bad_checksum",
	[HMIP_MIB_MH_DROP_BAD_PAYLOAD_PROTO] = "mh_drop_bad_payload_proto",
	[HMIP_MIB_MH_DROP_BAD_HEADER_LEN] = "mh_drop_bad_header_len",
	[HMIP_MIB_MH_DROP_NOMEM] = "mh_drop_nomem",
	[HMIP_MIB_MH_DROP_UNHANDLED] = "mh_drop_unhandled",
	[HMIP_MIB_MH_TX_BE] = "mh_tx_be",
	[HMIP_MIB_MH_TX_RATELIMITED] = "mh_tx_ratelimited",
	[HMIP_MIB_MH_TX_NOT_UNICAST] = "mh_tx_not_unicast",
	[HMIP_MIB_MH_TX_ERROR] = "mh_tx_error",
	[HMIP_MIB_ICMP_TX_PARAM_PROBLEM] = "icmp_tx_param_problem",
	[HMIP_MIB_MH_TX_BA] = "mh_tx_ba",
	[HMIP_MIB_MAP_BU_ACCEPTED] = "map_bu_accepted",
	[HMIP_MIB_MAP_BU_DEREGISTERED] = "map_bu_deregistered",
	[HMIP_MIB_MAP_BU_DROP_BAD_OPTION] = "map_bu_drop_bad_option",
	[HMIP_MIB_MAP_BU_DROP_NO_HAO] = "map_bu_drop_no_hao",
	[HMIP_MIB_MAP_BU_DROP_NO_IPSEC] = "map_bu_drop_no_ipsec",
	[HMIP_MIB_MAP_BU_REJECT_PROHIBITED] = "map_bu_reject_prohibited",
	[HMIP_MIB_MAP_BU_REJECT_RESOURCES] = "map_bu_reject_resources",
	[HMIP_MIB_MAP_BU_REJECT_HOME_REG] = "map_bu_reject_home_reg",
	[HMIP_MIB_MAP_BU_REJECT_NOT_MAP_PREFIX] = "map_bu_reject_not_map_prefix",
	[HMIP_MIB_MAP_BU_REJECT_NOT_MAP] = "map_bu_reject_not_map",
	[HMIP_MIB_MAP_BU_REJECT_DUPLICATE] = "map_bu_reject_duplicate",
	[HMIP_MIB_MAP_BU_REJECT_SEQ] = "map_bu_reject_seq",
	[HMIP_MIB_BINDING_CREATED] = "binding_created",
	[HMIP_MIB_BINDING_DELETED] = "binding_deleted",
	[HMIP_MIB_BINDING_EXPIRED] = "binding_expired",
	[HMIP_MIB_MAP_DAD_STARTED] = "map_dad_started",
	[HMIP_MIB_MAP_DAD_CONFLICT] = "map_dad_conflict",
	[HMIP_MIB_MAP_PROXY_NA] = "map_proxy_na",
	[HMIP_MIB_MAP_INTERCEPT_UNREACHABLE] = "map_intercept_unreachable",
	[HMIP_MIB_MAP_INTERCEPT_HOP_LIMIT] = "map_intercept_hop_limit",
	[HMIP_MIB_MAP_INTERCEPT_DROP_FORWARDING] = "map_intercept_drop_forwarding",
	[HMIP_MIB_MAP_INTERCEPT_DROP_POLICY] = "map_intercept_drop_policy",
	[HMIP_MIB_MAP_ENCAP_DROP_NOT_IPV6] = "map_encap_drop_not_ipv6",
	[HMIP_MIB_MAP_ENCAP_DROP_NO_BINDING] = "map_encap_drop_no_binding",
	[HMIP_MIB_MAP_ENCAP_DROP_LIMIT] = "map_encap_drop_limit",
	[HMIP_MIB_MAP_ENCAP_DROP_NO_ROUTE] = "map_encap_drop_no_route",
	[HMIP_MIB_MAP_ENCAP_DROP_LOOP] = "map_encap_drop_loop",
	[HMIP_MIB_MAP_ENCAP_DROP_TOO_BIG] = "map_encap_drop_too_big",
	[HMIP_MIB_MAP_ENCAP_DROP_NOMEM] = "map_encap_drop_nomem",
	[HMIP_MIB_MAP_DECAP_DROP_MALFORMED] = "map_decap_drop_malformed",
	[HMIP_MIB_MAP_DECAP_DROP_NO_BINDING] = "map_decap_drop_no_binding",
	[HMIP_MIB_MAP_DECAP_DROP_WRONG_LCOA] = "map_decap_drop_wrong_lcoa",
	[HMIP_MIB_MAP_DECAP_DROP_POLICY] = "map_decap_drop_policy",
	[HMIP_MIB_MAP_DECAP_DROP_ECN] = "map_decap_drop_ecn",
	[HMIP_MIB_MAP_ICMP_RELAYED] = "map_icmp_relayed",
	[HMIP_MIB_AR_RA_EXTENDED] = "ar_ra_extended",
	[HMIP_MIB_AR_OPT_SENT] = "ar_opt_sent",
	[HMIP_MIB_AR_OPT_DROP_MTU] = "ar_opt_drop_mtu",
	[HMIP_MIB_AR_RA_NOMEM] = "ar_ra_nomem",
	[HMIP_MIB_AR_RELAY_RX_OPT] = "ar_relay_rx_opt",
	[HMIP_MIB_AR_RELAY_DROP_UNCONFIGURED] = "ar_relay_drop_unconfigured",
	[HMIP_MIB_AR_RELAY_DROP_INVALID] = "ar_relay_drop_invalid",
	[HMIP_MIB_AR_RELAY_DROP_DIST] = "ar_relay_drop_dist",
	[HMIP_MIB_AR_RELAY_DROP_FULL] = "ar_relay_drop_full",
	[HMIP_MIB_AR_RELAY_DROP_BAD_RA] = "ar_relay_drop_bad_ra",
	[HMIP_MIB_AR_RELAY_DROP_POLICY] = "ar_relay_drop_policy",
	[HMIP_MIB_AR_ECHO_TX] = "ar_echo_tx",
	[HMIP_MIB_AR_ECHO_TX_ERROR] = "ar_echo_tx_error",
	[HMIP_MIB_AR_ECHO_RX] = "ar_echo_rx",
	[HMIP_MIB_AR_MAP_FAILED] = "ar_map_failed",
	[HMIP_MIB_AR_MAP_RECOVERED] = "ar_map_recovered",
	[HMIP_MIB_MAP_BU_REJECT_SA_MISMATCH] = "map_bu_reject_sa_mismatch",
	[HMIP_MIB_MN_RA_RX] = "mn_ra_rx",
	[HMIP_MIB_MN_RA_DROP_BAD] = "mn_ra_drop_bad",
	[HMIP_MIB_MN_RA_DROP_POLICY] = "mn_ra_drop_policy",
	[HMIP_MIB_MN_OPT_DROP_INVALID] = "mn_opt_drop_invalid",
	[HMIP_MIB_MN_OPT_DROP_FULL] = "mn_opt_drop_full",
	[HMIP_MIB_MN_BU_TX] = "mn_bu_tx",
	[HMIP_MIB_MN_BU_TX_ERROR] = "mn_bu_tx_error",
	[HMIP_MIB_MN_BU_DEFERRED] = "mn_bu_deferred",
	[HMIP_MIB_MN_BA_ACCEPTED] = "mn_ba_accepted",
	[HMIP_MIB_MN_BA_REJECTED] = "mn_ba_rejected",
	[HMIP_MIB_MN_BA_RESYNC] = "mn_ba_resync",
	[HMIP_MIB_MN_BA_DROP_NO_RH2] = "mn_ba_drop_no_rh2",
	[HMIP_MIB_MN_BA_DROP_UNKNOWN] = "mn_ba_drop_unknown",
	[HMIP_MIB_MN_BA_DROP_UNPROTECTED] = "mn_ba_drop_unprotected",
	[HMIP_MIB_MN_BA_DROP_MALFORMED] = "mn_ba_drop_malformed",
	[HMIP_MIB_MN_BA_DROP_SEQ] = "mn_ba_drop_seq",
	[HMIP_MIB_MN_BA_DROP_BACKLOG] = "mn_ba_drop_backlog",
	[HMIP_MIB_MN_ENCAP_DROP_NOT_IPV6] = "mn_encap_drop_not_ipv6",
	[HMIP_MIB_MN_ENCAP_DROP_NO_BINDING] = "mn_encap_drop_no_binding",
	[HMIP_MIB_MN_ENCAP_DROP_LIMIT] = "mn_encap_drop_limit",
	[HMIP_MIB_MN_ENCAP_DROP_NO_ROUTE] = "mn_encap_drop_no_route",
	[HMIP_MIB_MN_ENCAP_DROP_LOOP] = "mn_encap_drop_loop",
	[HMIP_MIB_MN_ENCAP_DROP_TOO_BIG] = "mn_encap_drop_too_big",
	[HMIP_MIB_MN_ENCAP_DROP_NOMEM] = "mn_encap_drop_nomem",
	[HMIP_MIB_MN_DECAP_DROP_MALFORMED] = "mn_decap_drop_malformed",
	[HMIP_MIB_MN_DECAP_DROP_POLICY] = "mn_decap_drop_policy",
	[HMIP_MIB_MN_DECAP_DROP_ECN] = "mn_decap_drop_ecn",
	[HMIP_MIB_MN_MOVES] = "mn_moves",
	[HMIP_MIB_MN_MAP_CHANGES] = "mn_map_changes",
	[HMIP_MIB_MN_MAP_LOST] = "mn_map_lost",
	[HMIP_MIB_ICMP_TX_RATELIMITED] = "icmp_tx_ratelimited",
	[HMIP_MIB_MN_WORKER_RUNS] = "mn_worker_runs",
	[HMIP_MIB_MAP_BU_REJECT_NO_ALTCOA] = "map_bu_reject_no_altcoa",
	[HMIP_MIB_MAP_BU_REJECT_NOT_ALLOCATED] = "map_bu_reject_not_allocated",
	[HMIP_MIB_MAP_BU_SA_SUCCESSOR] = "map_bu_sa_successor",
	[HMIP_MIB_MAP_DAD_NS_TX] = "map_dad_ns_tx",
	[HMIP_MIB_MAP_ND_IGNORED] = "map_nd_ignored",
	[HMIP_MIB_AR_RA_SKIP_INVALID] = "ar_ra_skip_invalid",
	[HMIP_MIB_HA_BU_ACCEPTED] = "ha_bu_accepted",
	[HMIP_MIB_HA_BU_DEREGISTERED] = "ha_bu_deregistered",
	[HMIP_MIB_HA_BU_SA_SUCCESSOR] = "ha_bu_sa_successor",
	[HMIP_MIB_HA_BU_DROP_BAD_OPTION] = "ha_bu_drop_bad_option",
	[HMIP_MIB_HA_BU_DROP_NO_HAO] = "ha_bu_drop_no_hao",
	[HMIP_MIB_HA_BU_DROP_NO_IPSEC] = "ha_bu_drop_no_ipsec",
	[HMIP_MIB_HA_BU_DROP_NOT_HOME_REG] = "ha_bu_drop_not_home_reg",
	[HMIP_MIB_HA_BU_REJECT_PROHIBITED] = "ha_bu_reject_prohibited",
	[HMIP_MIB_HA_BU_REJECT_RESOURCES] = "ha_bu_reject_resources",
	[HMIP_MIB_HA_BU_REJECT_MAP_REG] = "ha_bu_reject_map_reg",
	[HMIP_MIB_HA_BU_REJECT_NOT_HOME_SUBNET] = "ha_bu_reject_not_home_subnet",
	[HMIP_MIB_HA_BU_REJECT_NOT_HA] = "ha_bu_reject_not_ha",
	[HMIP_MIB_HA_BU_REJECT_TYPE_CHANGE] = "ha_bu_reject_type_change",
	[HMIP_MIB_HA_BU_REJECT_DUPLICATE] = "ha_bu_reject_duplicate",
	[HMIP_MIB_HA_BU_REJECT_SEQ] = "ha_bu_reject_seq",
	[HMIP_MIB_HA_BU_REJECT_SA_MISMATCH] = "ha_bu_reject_sa_mismatch",
	[HMIP_MIB_HA_BU_REJECT_NO_ALTCOA] = "ha_bu_reject_no_altcoa",
	[HMIP_MIB_HA_DAD_STARTED] = "ha_dad_started",
	[HMIP_MIB_HA_DAD_CONFLICT] = "ha_dad_conflict",
	[HMIP_MIB_HA_DAD_NS_TX] = "ha_dad_ns_tx",
	[HMIP_MIB_HA_PROXY_NA] = "ha_proxy_na",
	[HMIP_MIB_HA_ND_IGNORED] = "ha_nd_ignored",
	[HMIP_MIB_HA_INTERCEPT_UNREACHABLE] = "ha_intercept_unreachable",
	[HMIP_MIB_HA_INTERCEPT_HOP_LIMIT] = "ha_intercept_hop_limit",
	[HMIP_MIB_HA_INTERCEPT_DROP_FORWARDING] = "ha_intercept_drop_forwarding",
	[HMIP_MIB_HA_INTERCEPT_DROP_POLICY] = "ha_intercept_drop_policy",
	[HMIP_MIB_HA_ENCAP_DROP_NOT_IPV6] = "ha_encap_drop_not_ipv6",
	[HMIP_MIB_HA_ENCAP_DROP_NO_BINDING] = "ha_encap_drop_no_binding",
	[HMIP_MIB_HA_ENCAP_DROP_LIMIT] = "ha_encap_drop_limit",
	[HMIP_MIB_HA_ENCAP_DROP_NO_ROUTE] = "ha_encap_drop_no_route",
	[HMIP_MIB_HA_ENCAP_DROP_LOOP] = "ha_encap_drop_loop",
	[HMIP_MIB_HA_ENCAP_DROP_TOO_BIG] = "ha_encap_drop_too_big",
	[HMIP_MIB_HA_ENCAP_DROP_NOMEM] = "ha_encap_drop_nomem",
	[HMIP_MIB_HA_DECAP_DROP_MALFORMED] = "ha_decap_drop_malformed",
	[HMIP_MIB_HA_DECAP_DROP_NO_BINDING] = "ha_decap_drop_no_binding",
	[HMIP_MIB_HA_DECAP_DROP_WRONG_LCOA] = "ha_decap_drop_wrong_lcoa",
	[HMIP_MIB_HA_DECAP_DROP_POLICY] = "ha_decap_drop_policy",
	[HMIP_MIB_HA_DECAP_DROP_ECN] = "ha_decap_drop_ecn",
	[HMIP_MIB_HA_ICMP_RELAYED] = "ha_icmp_relayed",
	[HMIP_MIB_HA_RA_RX] = "ha_ra_rx",
	[HMIP_MIB_HA_RA_DROP_BAD] = "ha_ra_drop_bad",
	[HMIP_MIB_HA_RA_DROP_POLICY] = "ha_ra_drop_policy",
	[HMIP_MIB_HA_LIST_DROP_FULL] = "ha_list_drop_full",
	[HMIP_MIB_HA_LIST_DROP_NOMEM] = "ha_list_drop_nomem",
	[HMIP_MIB_HA_DHAAD_REQUEST] = "ha_dhaad_request",
	[HMIP_MIB_HA_DHAAD_REPLY] = "ha_dhaad_reply",
	[HMIP_MIB_HA_DHAAD_DROP_MALFORMED] = "ha_dhaad_drop_malformed",
	[HMIP_MIB_HA_DHAAD_DROP_NOT_HA] = "ha_dhaad_drop_not_ha",
	[HMIP_MIB_HA_DHAAD_DROP_RATELIMIT] = "ha_dhaad_drop_ratelimit",
	[HMIP_MIB_HA_DHAAD_DROP_NO_ROUTE] = "ha_dhaad_drop_no_route",
	[HMIP_MIB_HA_DHAAD_DROP_NOMEM] = "ha_dhaad_drop_nomem",
	[HMIP_MIB_HA_MPS_REQUEST] = "ha_mps_request",
	[HMIP_MIB_HA_MPS_DROP_MALFORMED] = "ha_mps_drop_malformed",
	[HMIP_MIB_HA_MPS_DROP_NOT_HOME] = "ha_mps_drop_not_home",
	[HMIP_MIB_HA_MPS_DROP_NO_IPSEC] = "ha_mps_drop_no_ipsec",
	[HMIP_MIB_HA_MPS_DROP_NO_BINDING] = "ha_mps_drop_no_binding",
	[HMIP_MIB_HA_MPS_DROP_RATELIMIT] = "ha_mps_drop_ratelimit",
	[HMIP_MIB_HA_MPA_REPLY] = "ha_mpa_reply",
	[HMIP_MIB_HA_MPA_DROP_NO_ROUTE] = "ha_mpa_drop_no_route",
	[HMIP_MIB_HA_MPA_DROP_NOMEM] = "ha_mpa_drop_nomem",
	[HMIP_MIB_HA_PREFIX_CHANGED] = "ha_prefix_changed",
	[HMIP_MIB_HA_MPA_UNSOLICITED] = "ha_mpa_unsolicited",
	[HMIP_MIB_HA_MPA_RETRANSMIT] = "ha_mpa_retransmit",
	[HMIP_MIB_HA_MPA_ACKED] = "ha_mpa_acked",
	[HMIP_MIB_HA_MPA_TIMEOUT] = "ha_mpa_timeout",
	[HMIP_MIB_HA_MPA_CANCELLED] = "ha_mpa_cancelled",
	[HMIP_MIB_HA_MPA_DROP_FULL] = "ha_mpa_drop_full",
	[HMIP_MIB_MN_HOME_BU_TX] = "mn_home_bu_tx",
	[HMIP_MIB_MN_HOME_BU_TX_ERROR] = "mn_home_bu_tx_error",
	[HMIP_MIB_MN_HOME_BA_ACCEPTED] = "mn_home_ba_accepted",
	[HMIP_MIB_MN_HOME_BA_REJECTED] = "mn_home_ba_rejected",
	[HMIP_MIB_MN_HOME_BA_RESYNC] = "mn_home_ba_resync",
	[HMIP_MIB_MN_HOME_BA_DROP_SEQ] = "mn_home_ba_drop_seq",
	[HMIP_MIB_MN_HOME_ENCAP_DROP_NO_BINDING] = "mn_home_encap_drop_no_binding",
	[HMIP_MIB_MN_HOME_DECAP_DROP_POLICY] = "mn_home_decap_drop_policy",
	[HMIP_MIB_MN_DHAAD_REQUEST_TX] = "mn_dhaad_request_tx",
	[HMIP_MIB_MN_DHAAD_REQUEST_TX_ERROR] = "mn_dhaad_request_tx_error",
	[HMIP_MIB_MN_DHAAD_REPLY_RX] = "mn_dhaad_reply_rx",
	[HMIP_MIB_MN_DHAAD_TIMEOUT] = "mn_dhaad_timeout",
	[HMIP_MIB_MN_DHAAD_HA_NEXT] = "mn_dhaad_ha_next",
	[HMIP_MIB_MN_DHAAD_DROP_LENGTH] = "mn_dhaad_drop_length",
	[HMIP_MIB_MN_DHAAD_DROP_EMPTY] = "mn_dhaad_drop_empty",
	[HMIP_MIB_MN_DHAAD_DROP_CODE] = "mn_dhaad_drop_code",
	[HMIP_MIB_MN_DHAAD_DROP_CHECKSUM] = "mn_dhaad_drop_checksum",
	[HMIP_MIB_MN_DHAAD_DROP_ID] = "mn_dhaad_drop_id",
	[HMIP_MIB_MN_DHAAD_DROP_UNKNOWN] = "mn_dhaad_drop_unknown",
	[HMIP_MIB_MN_MPS_TX] = "mn_mps_tx",
	[HMIP_MIB_MN_MPS_TX_ERROR] = "mn_mps_tx_error",
	[HMIP_MIB_MN_MPS_TIMEOUT] = "mn_mps_timeout",
	[HMIP_MIB_MN_MPA_RX] = "mn_mpa_rx",
	[HMIP_MIB_MN_MPA_DROP_NOT_HA] = "mn_mpa_drop_not_ha",
	[HMIP_MIB_MN_MPA_DROP_MALFORMED] = "mn_mpa_drop_malformed",
	[HMIP_MIB_MN_MPA_DROP_CHECKSUM] = "mn_mpa_drop_checksum",
	[HMIP_MIB_MN_MPA_DROP_ID] = "mn_mpa_drop_id",
	[HMIP_MIB_MN_MPA_DROP_UNPROTECTED] = "mn_mpa_drop_unprotected",
	[HMIP_MIB_HA_BA_PREFIX_DISCOVERY] = "ha_ba_prefix_discovery",
	[HMIP_MIB_MN_TUNNEL_MTU_ERROR] = "mn_tunnel_mtu_error",
	[HMIP_MIB_MN_ADV_INTERVAL_INVALID] = "mn_adv_interval_invalid",
	[HMIP_MIB_MN_RS_TX] = "mn_rs_tx",
	[HMIP_MIB_MN_RS_TX_ERROR] = "mn_rs_tx_error",
	[HMIP_MIB_MN_ROUTER_PROBES] = "mn_router_probes",
	[HMIP_MIB_MN_ROUTER_PROBE_ERROR] = "mn_router_probe_error",
	[HMIP_MIB_MN_ROUTER_CONFIRMED] = "mn_router_confirmed",
	[HMIP_MIB_MN_ROUTER_LOST_ADV_INTERVAL] = "mn_router_lost_adv_interval",
	[HMIP_MIB_MN_ROUTER_LOST_NEW_ROUTER] = "mn_router_lost_new_router",
	[HMIP_MIB_MN_ROUTER_LOST_NUD] = "mn_router_lost_nud",
	[HMIP_MIB_MN_ROUTER_CHANGES] = "mn_router_changes",
	[HMIP_MIB_AR_RTSOLPR_RX] = "ar_rtsolpr_rx",
	[HMIP_MIB_AR_RTSOLPR_DROP_INVALID] = "ar_rtsolpr_drop_invalid",
	[HMIP_MIB_AR_RTSOLPR_DROP_NO_NBRS] = "ar_rtsolpr_drop_no_nbrs",
	[HMIP_MIB_AR_RTSOLPR_DROP_RATELIMIT] = "ar_rtsolpr_drop_ratelimit",
	[HMIP_MIB_AR_RTSOLPR_AP_IGNORED] = "ar_rtsolpr_ap_ignored",
	[HMIP_MIB_AR_PRRTADV_TX] = "ar_prrtadv_tx",
	[HMIP_MIB_AR_PRRTADV_TX_ERROR] = "ar_prrtadv_tx_error",
	[HMIP_MIB_AR_PRRTADV_NOMEM] = "ar_prrtadv_nomem",
	[HMIP_MIB_MN_RTSOLPR_TX] = "mn_rtsolpr_tx",
	[HMIP_MIB_MN_RTSOLPR_TX_ERROR] = "mn_rtsolpr_tx_error",
	[HMIP_MIB_MN_RTSOLPR_TIMEOUT] = "mn_rtsolpr_timeout",
	[HMIP_MIB_MN_PRRTADV_RX] = "mn_prrtadv_rx",
	[HMIP_MIB_MN_PRRTADV_DROP_UNSOLICITED] = "mn_prrtadv_drop_unsolicited",
	[HMIP_MIB_MN_PRRTADV_DROP_INVALID] = "mn_prrtadv_drop_invalid",
	[HMIP_MIB_MN_PRRTADV_DROP_ID] = "mn_prrtadv_drop_id",
	[HMIP_MIB_MN_PRRTADV_DROP_NOMEM] = "mn_prrtadv_drop_nomem",
	[HMIP_MIB_MN_FMIP_READY] = "mn_fmip_ready",
	[HMIP_MIB_MN_FMIP_UNKNOWN] = "mn_fmip_unknown",
	[HMIP_MIB_MH_RX_FBU] = "mh_rx_fbu",
	[HMIP_MIB_MH_RX_FBACK] = "mh_rx_fback",
	[HMIP_MIB_MH_TX_FBACK] = "mh_tx_fback",
	[HMIP_MIB_MAP_FBU_ACCEPTED] = "map_fbu_accepted",
	[HMIP_MIB_MAP_FBU_DROP_BAD_OPTION] = "map_fbu_drop_bad_option",
	[HMIP_MIB_MAP_FBU_DROP_NO_HAO] = "map_fbu_drop_no_hao",
	[HMIP_MIB_MAP_FBU_DROP_NO_IPSEC] = "map_fbu_drop_no_ipsec",
	[HMIP_MIB_MAP_FBU_DROP_NOT_MAP] = "map_fbu_drop_not_map",
	[HMIP_MIB_MAP_FBU_REJECT_NO_BINDING] = "map_fbu_reject_no_binding",
	[HMIP_MIB_MAP_FBU_REJECT_WRONG_LCOA] = "map_fbu_reject_wrong_lcoa",
	[HMIP_MIB_MAP_FBU_REJECT_SA_MISMATCH] = "map_fbu_reject_sa_mismatch",
	[HMIP_MIB_MAP_FBU_REJECT_SEQ] = "map_fbu_reject_seq",
	[HMIP_MIB_MAP_FBU_REJECT_NCOA] = "map_fbu_reject_ncoa",
	[HMIP_MIB_BINDING_BICAST_TX] = "binding_bicast_tx",
	[HMIP_MIB_BINDING_BICAST_DROP_NOMEM] = "binding_bicast_drop_nomem",
	[HMIP_MIB_MH_RX_HI] = "mh_rx_hi",
	[HMIP_MIB_MH_RX_HACK] = "mh_rx_hack",
	[HMIP_MIB_MAP_FBU_HELD] = "map_fbu_held",
	[HMIP_MIB_MAP_FBU_REACTIVE] = "map_fbu_reactive",
	[HMIP_MIB_MAP_FBU_REJECT_RESOURCES] = "map_fbu_reject_resources",
	[HMIP_MIB_MAP_HI_TX] = "map_hi_tx",
	[HMIP_MIB_MAP_HI_RETRANSMIT] = "map_hi_retransmit",
	[HMIP_MIB_MAP_HI_TIMEOUT] = "map_hi_timeout",
	[HMIP_MIB_MAP_HI_CANCELLED] = "map_hi_cancelled",
	[HMIP_MIB_MAP_HACK_ACCEPTED] = "map_hack_accepted",
	[HMIP_MIB_MAP_HACK_NCOA_INVALID] = "map_hack_ncoa_invalid",
	[HMIP_MIB_MAP_HACK_REFUSED] = "map_hack_refused",
	[HMIP_MIB_MAP_HACK_DROP_NOT_MAP] = "map_hack_drop_not_map",
	[HMIP_MIB_MAP_HACK_DROP_NO_IPSEC] = "map_hack_drop_no_ipsec",
	[HMIP_MIB_MAP_HACK_DROP_UNKNOWN] = "map_hack_drop_unknown",
	[HMIP_MIB_BINDING_BICAST_RX] = "binding_bicast_rx",
	[HMIP_MIB_AR_HI_RX] = "ar_hi_rx",
	[HMIP_MIB_AR_HI_DROP_MALFORMED] = "ar_hi_drop_malformed",
	[HMIP_MIB_AR_HI_DROP_NO_NCOA] = "ar_hi_drop_no_ncoa",
	[HMIP_MIB_AR_HI_DROP_NO_LLA] = "ar_hi_drop_no_lla",
	[HMIP_MIB_AR_HI_DROP_NOT_MAP] = "ar_hi_drop_not_map",
	[HMIP_MIB_AR_HI_DROP_NO_IPSEC] = "ar_hi_drop_no_ipsec",
	[HMIP_MIB_AR_HACK_TX_VALID] = "ar_hack_tx_valid",
	[HMIP_MIB_AR_HACK_TX_INVALID] = "ar_hack_tx_invalid",
	[HMIP_MIB_AR_HACK_TX_NO_RESOURCES] = "ar_hack_tx_no_resources",
	[HMIP_MIB_AR_HACK_TX_RATELIMITED] = "ar_hack_tx_ratelimited",
	[HMIP_MIB_AR_HACK_TX_ERROR] = "ar_hack_tx_error",
	[HMIP_MIB_AR_BUFFER_QUEUED] = "ar_buffer_queued",
	[HMIP_MIB_AR_BUFFER_RELEASED] = "ar_buffer_released",
	[HMIP_MIB_AR_BUFFER_DROP_FULL] = "ar_buffer_drop_full",
	[HMIP_MIB_AR_BUFFER_DROP_EXPIRED] = "ar_buffer_drop_expired",
	[HMIP_MIB_AR_BUFFER_DROP_NOMEM] = "ar_buffer_drop_nomem",
	[HMIP_MIB_AR_BUFFER_DROP_FLUSHED] = "ar_buffer_drop_flushed",
	[HMIP_MIB_AR_BUFFER_ENTRY_NOMEM] = "ar_buffer_entry_nomem",
	[HMIP_MIB_AR_UNA_RX] = "ar_una_rx",
	[HMIP_MIB_AR_UNA_DROP_INVALID] = "ar_una_drop_invalid",
	[HMIP_MIB_AR_UNA_NEIGH_ERROR] = "ar_una_neigh_error",
	[HMIP_MIB_AR_PRRTADV_UNSOLICITED_TX] = "ar_prrtadv_unsolicited_tx",
	[HMIP_MIB_MH_TX_HACK] = "mh_tx_hack",
	[HMIP_MIB_MN_FBU_TX] = "mn_fbu_tx",
	[HMIP_MIB_MN_FBU_TX_ERROR] = "mn_fbu_tx_error",
	[HMIP_MIB_MN_FBU_TIMEOUT] = "mn_fbu_timeout",
	[HMIP_MIB_MN_FBU_REACTIVE_TX] = "mn_fbu_reactive_tx",
	[HMIP_MIB_MN_FBACK_RX] = "mn_fback_rx",
	[HMIP_MIB_MN_FBACK_REFUSED] = "mn_fback_refused",
	[HMIP_MIB_MN_FBACK_DROP_NO_RH2] = "mn_fback_drop_no_rh2",
	[HMIP_MIB_MN_FBACK_DROP_UNKNOWN] = "mn_fback_drop_unknown",
	[HMIP_MIB_MN_FBACK_DROP_UNPROTECTED] = "mn_fback_drop_unprotected",
	[HMIP_MIB_MN_FBACK_DROP_BACKLOG] = "mn_fback_drop_backlog",
	[HMIP_MIB_MN_FBACK_DROP_SEQ] = "mn_fback_drop_seq",
	[HMIP_MIB_MN_UNA_TX] = "mn_una_tx",
	[HMIP_MIB_MN_UNA_TX_ERROR] = "mn_una_tx_error",
	[HMIP_MIB_MN_PRRTADV_NETWORK] = "mn_prrtadv_network",
	[HMIP_MIB_MN_PRRTADV_DROP_NOT_ROUTER] = "mn_prrtadv_drop_not_router",
	[HMIP_MIB_MN_NCOA_ONLINK] = "mn_ncoa_onlink",
	[HMIP_MIB_MN_NCOA_CONFIRMED] = "mn_ncoa_confirmed",
	[HMIP_MIB_MN_NCOA_REMOVED] = "mn_ncoa_removed",
	[HMIP_MIB_MN_NCOA_ERROR] = "mn_ncoa_error",
};

/**
 * hmip_stats_name - the stable name of a counter ("map_bu_accepted")
 * @idx: &enum hmip_mib_field
 *
 * Return: the name, or "?" for an index out of range.
 */
const char *hmip_stats_name(unsigned int idx)
{
	return idx < __HMIP_MIB_MAX ? hmip_mib_names[idx] : "?";
}

#define HMIP_STATS_PROC		"hmip_snmp6"
/* "Hmip" and the longest name without its underscores */
#define HMIP_STATS_PROC_NAME	48

/* "map_bu_accepted" as /proc/net/snmp6 would name it: "HmipMapBuAccepted". */
static void hmip_stats_proc_name(const char *name, char *buf)
{
	bool up = true;
	int n = 4;

	memcpy(buf, "Hmip", 4);
	for (; *name && n < HMIP_STATS_PROC_NAME - 1; name++) {
		if (*name == '_') {
			up = true;
			continue;
		}
		buf[n++] = up ? toupper(*name) : *name;
		up = false;
	}
	buf[n] = '\0';
}

/* One "Name value" line per counter, as snmp6_seq_show() prints them. */
static int hmip_stats_seq_show(struct seq_file *seq, void *v)
{
	struct hmip_net *hn = hmip_net(seq_file_single_net(seq));
	char name[HMIP_STATS_PROC_NAME];
	int i;

	for (i = 0; i < __HMIP_MIB_MAX; i++) {
		hmip_stats_proc_name(hmip_mib_names[i], name);
		seq_printf(seq, "%-32s\t%lu\n", name,
			   snmp_fold_field(hn->mib, i));
	}
	return 0;
}

int hmip_stats_net_init(struct hmip_net *hn)
{
	int i;

	/* A counter added to the enum without a name would go unseen. */
	for (i = 0; i < __HMIP_MIB_MAX; i++)
		if (WARN_ON_ONCE(!hmip_mib_names[i]))
			return -EINVAL;

	hn->mib = alloc_percpu(struct hmip_mib);
	if (!hn->mib)
		return -ENOMEM;
	/* Gone with the netns, before its counters (hmip_stats_net_exit()). */
	if (IS_ENABLED(CONFIG_PROC_FS) &&
	    !proc_create_net_single(HMIP_STATS_PROC, 0444, hn->net->proc_net,
				    hmip_stats_seq_show, NULL)) {
		free_percpu(hn->mib);
		hn->mib = NULL;
		return -ENOMEM;
	}
	return 0;
}

void hmip_stats_net_exit(struct hmip_net *hn)
{
	/* Waits for readers: none of them sees the counters freed. */
	remove_proc_entry(HMIP_STATS_PROC, hn->net->proc_net);
	free_percpu(hn->mib);
	hn->mib = NULL;
}

/**
 * hmip_stats_msg_size - the room hmip_stats_fill() needs
 *
 * Every counter, name and value: more than NLMSG_GOODSIZE holds since
 * the mobile node's discovery counters came.
 *
 * Return: octets of the %HMIP_A_STATS nest.
 */
size_t hmip_stats_msg_size(void)
{
	size_t size = nla_total_size(0);
	int i;

	for (i = 0; i < __HMIP_MIB_MAX; i++)
		size += nla_total_size(0) +
			nla_total_size(strlen(hmip_mib_names[i]) + 1) +
			nla_total_size_64bit(sizeof(u64));
	return size;
}

/**
 * hmip_stats_fill - put every counter of a netns into a netlink message
 * @hn: the netns's hmip state
 * @msg: message to fill; gets one %HMIP_A_STATS nest
 *
 * Each counter is a name/value pair, so the tool prints counters added
 * later without knowing them.
 *
 * Return: 0, or -EMSGSIZE when @msg is too small.
 */
int hmip_stats_fill(struct hmip_net *hn, struct sk_buff *msg)
{
	struct nlattr *stats, *entry;
	int i;

	stats = nla_nest_start(msg, HMIP_A_STATS);
	if (!stats)
		return -EMSGSIZE;

	for (i = 0; i < __HMIP_MIB_MAX; i++) {
		entry = nla_nest_start(msg, HMIP_A_STATS_ENTRY);
		if (!entry)
			goto cancel;
		if (nla_put_string(msg, HMIP_A_STAT_NAME, hmip_mib_names[i]) ||
		    nla_put_u64_64bit(msg, HMIP_A_STAT_VALUE,
				      snmp_fold_field(hn->mib, i),
				      HMIP_A_STAT_PAD))
			goto cancel;
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, stats);
	return 0;

cancel:
	nla_nest_cancel(msg, stats);
	return -EMSGSIZE;
}
