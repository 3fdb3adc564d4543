# SPDX-License-Identifier: GPL-2.0
#
# hmip: build the module and the tool, run the checks.
#
#   make                 module (hmip.ko, W=1) and tools/hmip/hmip
#   make sparse          the module through sparse (kbuild C=2)
#   make checkpatch      checkpatch.pl --strict over every source file
#   make install         module into /lib/modules/$(KVER)/extra (then depmod), tool
#                        into $(PREFIX)/sbin, man page, bash completion,
#                        hmip.service, the udev rule, /etc/hmip.conf (kept if
#                        there); all under $(DESTDIR)
#   make install-tool    all that but the module (no kernel headers needed)
#   make uninstall       remove what "make install" installed (/etc/hmip.conf
#                        only while it is the example, unchanged)
#   make deb             the Debian packages hmip and hmip-dkms, built in
#                        .build/deb (dpkg-buildpackage -us -uc -b)
#   make check           the tool's host tests (tools/hmip: make check, log in
#                        logs/tool-check.log), then the selftests in QEMU on
#                        Debian's kernel and, in parallel, on the debug
#                        kernel (KASAN, UBSAN, lockdep, kmemleak); options:
#                        KERNEL=stock|debug  T="name ..."  VM_TIMEOUT=seconds;
#                        logs in logs/<flavour>/
#   make demo            the demonstration network (selftests/demo/network.sh) in
#                        QEMU on Debian's kernel, narrated in the log
#   make bench           benchmarks (selftests/bench/) on Debian's kernel, one
#                        emulated CPU under -icount: ratios
#   make fuzz            the fuzzer (selftests/fuzz.sh) alone on the debug kernel:
#                        N=inputs (default 1000000), SEED= and FIRST= to send
#                        a run's inputs again
#   make debug-kernel    just build (or find cached) the debug kernel
#   make deps            install the Debian packages everything needs

# The kernel to build against: the running one when its build tree exists,
# otherwise the newest Debian linux-headers-*-amd64 on this machine.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
# Its release, as /lib/modules names it: UTS_RELEASE (Debian's headers
# answer "make kernelrelease" with the upstream version, 6.1.192)
KVER ?= $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"$$/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
PREFIX ?= /usr/local
DESTDIR ?=
# where systemd and udev look for what a package installs
UNITDIR ?= /lib/systemd/system
UDEVRULESDIR ?= /lib/udev/rules.d
SYSCONFDIR ?= /etc
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
DEPMOD ?= $(or $(shell command -v depmod 2>/dev/null),/sbin/depmod)
# where "make install" puts the module (kbuild's INSTALL_MOD_PATH=$(DESTDIR))
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/extra

# checkpatch.pl comes from Debian's linux-source-6.1, unpacked once into the
# cache that also holds the debug kernel.
HMIP_CACHE ?= $(HOME)/.cache/hmip
CHECKPATCH ?= $(HMIP_CACHE)/linux-source-6.1/scripts/checkpatch.pl

# When this make started: `make check` measures itself against its budget.
CHECK_T0 := $(shell date +%s)

KSRC := Kbuild $(wildcard net/*.c net/*.h net/*/*.c net/*/*.h include/uapi/linux/*.h)
TRACE_SRC := net/core/trace.h
TOOL_SRC := $(wildcard tools/hmip/*.c tools/hmip/*.h tools/hmip/tests/*.c selftests/tools/*.c selftests/tools/*.h)

.PHONY: all module tool clean install install-module install-tool uninstall \
	uninstall-module uninstall-tool sparse checkpatch check demo bench fuzz \
	debug-kernel deps deb

all: module tool

module:
	@test -n "$(KDIR)" || { echo "no kernel build tree: install linux-headers-amd64 (scripts/install-deps)" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

tool:
	$(MAKE) -C tools/hmip

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 C=2 CF="-D__CHECK_ENDIAN__" modules

checkpatch:
	@test -x $(CHECKPATCH) || scripts/unpack-linux-source
	$(CHECKPATCH) --strict --no-tree --terse --show-types \
		--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES \
		-f $(filter-out Kbuild $(TRACE_SRC),$(KSRC)) $(TOOL_SRC)
	@# TRACE_EVENT()'s layout is include/trace/events/'s, not a function call's
	$(CHECKPATCH) --strict --no-tree --terse --show-types \
		--ignore SPDX_LICENSE_TAG,FILE_PATH_CHANGES,OPEN_ENDED_LINE,PARENTHESIS_ALIGNMENT \
		-f $(TRACE_SRC)

install: install-module install-tool

# depmod here: kbuild's own skips it without the System.map that Debian's
# headers lack; -b for a staging root, whose modules.dep it writes
install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=extra modules_install
	$(DEPMOD) $(if $(DESTDIR),-b $(DESTDIR)) $(KVER)

# The unit and the rule name the tool where it is installed.
install-tool: tool
	install -D -m 0755 tools/hmip/hmip $(DESTDIR)$(PREFIX)/sbin/hmip
	install -D -m 0644 Documentation/hmip.8 $(DESTDIR)$(PREFIX)/share/man/man8/hmip.8
	install -D -m 0644 tools/hmip/hmip.bash-completion $(DESTDIR)$(COMPLETIONDIR)/hmip
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(UDEVRULESDIR)
	sed 's|/usr/sbin/hmip|$(PREFIX)/sbin/hmip|' dist/hmip.service \
		>$(DESTDIR)$(UNITDIR)/hmip.service
	sed 's|/usr/sbin/hmip|$(PREFIX)/sbin/hmip|' dist/60-hmip.rules \
		>$(DESTDIR)$(UDEVRULESDIR)/60-hmip.rules
	test -e $(DESTDIR)$(SYSCONFDIR)/hmip.conf || \
		install -D -m 0644 dist/hmip.conf $(DESTDIR)$(SYSCONFDIR)/hmip.conf

uninstall: uninstall-module uninstall-tool

uninstall-module:
	@test -n "$(KVER)" || { echo "no kernel release: give KVER= or KDIR=" >&2; exit 1; }
	rm -f $(MODDIR)/hmip.ko $(MODDIR)/hmip.ko.gz $(MODDIR)/hmip.ko.xz $(MODDIR)/hmip.ko.zst
	-rmdir $(MODDIR) 2>/dev/null
	$(DEPMOD) $(if $(DESTDIR),-b $(DESTDIR)) $(KVER)

uninstall-tool:
	rm -f $(DESTDIR)$(PREFIX)/sbin/hmip $(DESTDIR)$(PREFIX)/share/man/man8/hmip.8 \
		$(DESTDIR)$(COMPLETIONDIR)/hmip $(DESTDIR)$(UNITDIR)/hmip.service \
		$(DESTDIR)$(UDEVRULESDIR)/60-hmip.rules
	! cmp -s dist/hmip.conf $(DESTDIR)$(SYSCONFDIR)/hmip.conf || \
		rm -f $(DESTDIR)$(SYSCONFDIR)/hmip.conf

# The Debian packages (debian/), from a copy of the tree in .build/deb so
# that the tree stays clean: the .debs end up in .build/deb.
DEB_DIR := $(CURDIR)/.build/deb
deb:
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/src
	git ls-files -z | xargs -0 cp --parents -t $(DEB_DIR)/src
	cd $(DEB_DIR)/src && dpkg-buildpackage -us -uc -b
	@ls $(DEB_DIR)/*.deb

# selftests/install_packages.sh installs the Debian packages in the guest:
# they are built here first when it runs (T names it, or the whole suite).
comma := ,
CHECK_DEB = $(if $(T),$(filter install_packages,$(subst $(comma), ,$(T))),all)

# The tool is built when its Makefile exists (it is being written).
check:
	scripts/install-deps
	$(MAKE) module $(if $(wildcard tools/hmip/Makefile),tool)
	mkdir -p logs
	$(MAKE) -s -C tools/hmip check >$(CURDIR)/logs/tool-check.log 2>&1 || \
		{ grep -v '^ok' $(CURDIR)/logs/tool-check.log; exit 1; }
	$(MAKE) -C selftests/tools
	$(if $(CHECK_DEB),$(MAKE) deb >$(CURDIR)/logs/deb.log 2>&1 || \
		{ tail -n 30 $(CURDIR)/logs/deb.log; exit 1; })
	HMIP_CHECK_T0=$(CHECK_T0) KERNEL="$(KERNEL)" T="$(T)" \
		VM_TIMEOUT="$(VM_TIMEOUT)" scripts/check

# The demonstration network: a mobile node moves while traffic flows.
demo:
	$(MAKE) check KERNEL=stock T=demo/network

# Benchmarks: selftests/bench/*.sh on Debian's kernel, ratios in the log.
bench:
	HMIP_VM_ICOUNT=1 $(MAKE) check KERNEL=stock T="$(or $(T),$(patsubst selftests/%.sh,%,$(wildcard selftests/bench/*.sh)))"

# A long fuzz: selftests/fuzz_long.sh (fuzz.sh with a limit for a million
# inputs) on the debug kernel; QEMU gets 30 minutes and a second for every
# 40 inputs (it took 140 to 740 a second there, with the host's load).
fuzz:
	$(MAKE) check KERNEL=debug T=fuzz_long HMIP_FUZZ_N="$(N)" \
		HMIP_FUZZ_SEED="$(SEED)" HMIP_FUZZ_FIRST="$(FIRST)" \
		VM_TIMEOUT="$(or $(VM_TIMEOUT),$(shell echo $$((1800 + $(or $(N),1000000) / 40))))"

debug-kernel:
	scripts/install-deps
	scripts/debug-kernel/build

deps:
	scripts/install-deps

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/hmip clean
	$(MAKE) -C selftests/tools clean
