// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: network interfaces. The command line names them, looked up in
 * the network namespace hmip works in; the kernel sends their indexes,
 * printed by name, or as "ifN" when this namespace has no interface of
 * index N.
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "iface.h"

/* Most interface names one command line gives ("dev" and "relay-from") */
#define IFACE_PENDING_MAX	4

/*
 * The interfaces named on the command line, looked up by iface_resolve()
 * in the network namespace of -n, once every word has been read.
 */
static struct {
	const char *name;
	uint32_t *ifindex;
} iface_pending[IFACE_PENDING_MAX];
static unsigned int iface_npending;

/*
 * Whether the kernel would take @word as a device name (dev_valid_name()):
 * 1 to IFNAMSIZ - 1 characters, not "." or "..", no '/', ':' or blank.
 */
static bool iface_valid_name(const char *word)
{
	size_t len = strlen(word);

	if (!len || len >= IFNAMSIZ || !strcmp(word, ".") ||
	    !strcmp(word, ".."))
		return false;
	for (; *word; word++)
		if (*word == '/' || *word == ':' || isspace((unsigned char)*word))
			return false;
	return true;
}

/**
 * iface_parse() - an interface the command line names
 * @keyword: what the interface is for ("dev"), for the error message
 * @word: the interface's name
 * @ifindex: where iface_resolve() stores its index (0 until then)
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error (a name no interface
 * can have).
 */
int iface_parse(const char *keyword, const char *word, uint32_t *ifindex)
{
	*ifindex = 0;
	if (!iface_valid_name(word))
		return cli_usage_err("invalid %s \"%s\" (expected an interface name)",
				     keyword, word);
	if (iface_npending >= IFACE_PENDING_MAX)
		return cli_usage_err("too many interfaces");
	iface_pending[iface_npending].name = word;
	iface_pending[iface_npending++].ifindex = ifindex;
	return 0;
}

/**
 * iface_resolve() - look up the interfaces of iface_parse()
 *
 * In the network namespace the command acts in, before its request.
 *
 * Return: 0, or HMIP_EXIT_FAILURE after printing that there is no such
 * interface (without the hint to read the help: the command is right).
 */
int iface_resolve(void)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < iface_npending && !ret; i++) {
		*iface_pending[i].ifindex =
			if_nametoindex(iface_pending[i].name);
		if (!*iface_pending[i].ifindex) {
			cli_err("no interface \"%s\"", iface_pending[i].name);
			ret = HMIP_EXIT_FAILURE;
		}
	}
	iface_npending = 0;
	return ret;
}

/* Forget the interfaces of a command line that will not run. */
void iface_forget(void)
{
	iface_npending = 0;
}

/**
 * iface_parse_name() - a device name as the kernel takes it
 * @keyword: what the name is for ("tunnel"), for the error message
 * @word: the name as given, 1 to IFNAMSIZ - 1 characters, at most one
 *	'%' and then in "%d" (the kernel numbers the device)
 * @name: where to copy it
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int iface_parse_name(const char *keyword, const char *word,
		     char name[IFNAMSIZ])
{
	size_t len = strlen(word);
	const char *pct = strchr(word, '%');

	if (!len || len >= IFNAMSIZ)
		return cli_usage_err("invalid %s name \"%s\" (expected 1 to %d characters)",
				     keyword, word, IFNAMSIZ - 1);
	if (!iface_valid_name(word) ||
	    (pct && (pct[1] != 'd' || strchr(pct + 1, '%'))))
		return cli_usage_err("invalid %s name \"%s\" (%s)", keyword, word,
				     "no '/', ':' or blank, \"%d\" at most once");
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
