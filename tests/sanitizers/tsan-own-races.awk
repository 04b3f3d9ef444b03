# Reads ThreadSanitizer logs and prints the reports in which both racing accesses come straight
# from JwtSession's own code: the first frame below the sanitizer runtime lies in a file under
# the project's src/ (given as -v srcdir=…), not in a Qt or standard library header, nor in a
# Qt library. Exits 1 when it printed any.
#
# Why a filter and not a suppression file: only JwtSession is instrumented. Debian's Qt is not,
# so TSan does not see the ordering that Qt's event queue (postEvent, queued signals and their
# arguments) and its implicit sharing (reference counts dropped inside libQt6Core) give across
# threads. One run of tst_qmlthreads shows about a hundred such reports, every one with a Qt
# function or header on top of at least one access. Suppressing them by name (race:QObject::…,
# race:QArrayData…) would hide real misuse of those very functions. What stays visible, and
# fails the stage, is what the library alone is responsible for: two threads touching the same
# JwtSession field without the session state's lock (QMutex carries TSan annotations inline).
# A race inside Qt code that JwtSession provokes (an object deleted while another thread
# disconnects from it) needs an instrumented Qt to be seen; the tests assert such cases on
# behaviour instead, and the ASan stage checks their memory.
function flush() {
    if (inrep && tops == 2 && own == 2) { print report; found++ }
    report = ""; inrep = 0; tops = 0; own = 0; want = 0
}
/^==================$/ { flush(); next }
/WARNING: ThreadSanitizer/ { inrep = 1 }
{ if (inrep) report = report $0 "\n" }
inrep && /^  (Previous )?(atomic )?([Rr]ead|[Ww]rite) of size/ { want = 1; next }
inrep && want && /^    #[0-9]+ / {
    if ($0 ~ /libtsan/) next
    want = 0; tops++
    if (index($0, srcdir) > 0 && $0 !~ /\/qt6\// && $0 !~ /\/c\+\+\//) own++
}
END { flush(); exit found > 0 ? 1 : 0 }
