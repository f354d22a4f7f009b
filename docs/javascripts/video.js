// Click-to-load YouTube videos (see scripts/shortcodes.py). Until the visitor presses play,
// the page sends nothing to YouTube; without JavaScript the link opens the video on YouTube.
document.addEventListener("click", (event) => {
  const start = event.target.closest("a[data-youtube-id]")
  if (!start || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
  event.preventDefault()
  const player = document.createElement("iframe")
  player.src = "https://www.youtube-nocookie.com/embed/" +
    encodeURIComponent(start.dataset.youtubeId) + "?autoplay=1&rel=0"
  player.title = start.dataset.videoTitle
  player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen"
  player.allowFullscreen = true
  player.referrerPolicy = "strict-origin-when-cross-origin"
  start.replaceWith(player)
  player.focus()
})
