# Sourced by the scripts that run the real app (smoke.sh, gui-memory.sh):
# start_private_display WORK starts Xvfb at 1280×800 on the first free
# display between :99 and :80, sets xvfb_pid for the caller's cleanup, and
# exports DISPLAY and a private HOME under WORK, so the app's preferences
# neither leak in nor out. The caller defines fail().

start_private_display() {
	local work=$1 n
	display=""
	for n in $(seq 99 -1 80); do
		if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then
			display=":$n"
			break
		fi
	done
	[[ -n $display ]] || fail "no free X display between :80 and :99"

	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	for _ in $(seq 50); do
		[[ -e /tmp/.X11-unix/X${display#:} ]] && break
		sleep 0.1
	done
	kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start on $display"

	export DISPLAY=$display HOME=$work/home
	export XDG_CONFIG_HOME=$HOME/.config XDG_DATA_HOME=$HOME/.local/share XDG_CACHE_HOME=$HOME/.cache
	mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
}
