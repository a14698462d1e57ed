# Turns `multipath -t` / `mpath -t` output into one "section key value" line per
# value, so two outputs compare value by value (quoting and indentation aside).
# Entries are numbered in order: devices/device#12 vendor "NETAPP".
# Blacklist rules are a set: they are written without numbers (sort the output).
function unq(s) {
	if (s ~ /^".*"$/) { s = substr(s, 2, length(s) - 2); gsub(/""/, "\"", s) }
	return s
}
{
	sub(/\r$/, "")
	line = $0
	sub(/^[ \t]+/, "", line)
	if (line == "") next
	if (line == "}") { depth--; next }
	if (line ~ /\{$/) {
		name = line; sub(/[ \t]*\{$/, "", name)
		depth++
		if (depth == 1) { top = name; path[1] = name; delete count }
		else {
			n = ++count[name]
			path[depth] = (top ~ /^blacklist/) ? path[depth - 1] "/" name : path[depth - 1] "/" name "#" n
		}
		next
	}
	key = line; sub(/[ \t].*$/, "", key)
	val = line; sub(/^[^ \t]+[ \t]*/, "", val)
	print path[depth] "\t" key "\t" unq(val)
}
