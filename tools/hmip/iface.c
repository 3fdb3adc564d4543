// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: network interfaces. The command line names them, looked up in
 * the network namespace hmip works in; the kernel sends their indexes,
 * printed by name, or as "ifN" when this namespace has no interface of
 * index N.
 */

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "iface.h"

/**
 * iface_parse() - the index of the interface a word names
 * @word: the interface's name
 * @ifindex: where to store its index
 *
 * Return: 0, or HMIP_EXIT_USAGE after printing that there is no such
 * interface (without the hint to read the help: the command is right).
 */
int iface_parse(const char *word, uint32_t *ifindex)
{
	*ifindex = strlen(word) < IFNAMSIZ ? if_nametoindex(word) : 0;
	if (!*ifindex) {
		cli_err("no interface \"%s\"", word);
		return HMIP_EXIT_USAGE;
	}
	return 0;
}

/**
 * iface_parse_name() - a device name as the kernel takes it
 * @keyword: what the name is for ("tunnel"), for the error message
 * @word: the name as given, 1 to IFNAMSIZ - 1 characters
 * @name: where to copy it
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int iface_parse_name(const char *keyword, const char *word,
		     char name[IFNAMSIZ])
{
	size_t len = strlen(word);

	if (!len || len >= IFNAMSIZ)
		return cli_usage_err("invalid %s name \"%s\" (expected 1 to %d characters)",
				     keyword, word, IFNAMSIZ - 1);
	memcpy(name, word, len + 1);
	return 0;
}

/**
 * iface_name() - the name of an interface, or "ifN"
 * @ifindex: its index
 * @buf: where to write the name
 * @size: the size of @buf, IFACE_STRLEN
 *
 * Return: whether this network namespace has an interface of @ifindex.
 */
bool iface_name(uint32_t ifindex, char *buf, size_t size)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(ifindex, name)) {
		snprintf(buf, size, "%s", name);
		return true;
	}
	snprintf(buf, size, "if%u", ifindex);
	return false;
}

/**
 * iface_print() - print the interface of a u32 attribute
 * @jw: a JSON writer inside an object, or NULL for text
 * @attr: the attribute, its index
 * @name: in text, " @name eth0", or " @name if7" if the network namespace
 *	has no interface of that index
 * @json: in JSON, the member that holds its name (null if none)
 * @json_index: the member that holds its index, or NULL for none
 */
void iface_print(struct json_writer *jw, const struct nlattr *attr,
		 const char *name, const char *json, const char *json_index)
{
	char ifname[IFACE_STRLEN];
	uint32_t ifindex = mnl_attr_get_u32(attr);
	bool has_name = iface_name(ifindex, ifname, sizeof(ifname));

	if (!jw) {
		printf(" %s %s", name, ifname);
		return;
	}
	if (has_name)
		json_print_string(jw, json, ifname);
	else
		json_print_null(jw, json);
	if (json_index)
		json_print_u64(jw, json_index, ifindex);
}
