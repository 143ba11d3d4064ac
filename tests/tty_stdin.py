"""tty_stdin.py CMD ARGS...: run CMD with a pseudo-terminal as standard input (stdout and
stderr are pipes) and check that it does not wait for input but prints its usage to
stderr and exits 2.  Exit 0 on success, 77 when no pty can be had here, 1 otherwise
(with the reason on stdout)."""
import os
import pty
import subprocess
import sys

try:
    master, slave = pty.openpty()
except OSError as e:
    print("no pseudo-terminal: %s" % e)
    sys.exit(77)
try:
    p = subprocess.run(sys.argv[1:], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=10)
except subprocess.TimeoutExpired:
    print("still waiting for input after 10 s")
    sys.exit(1)
finally:
    os.close(slave)
    os.close(master)
err = p.stderr.decode(errors="replace")
first = err.splitlines()[0] if err else ""
if p.returncode != 2 or "no input" not in first or "Usage:" not in err or p.stdout:
    print("exit %d, stdout %d bytes, stderr: %s" % (p.returncode, len(p.stdout), err[:200].replace("\n", " | ")))
    sys.exit(1)
