// The pacer (:pacer: in shortcodes.py): up for data-up seconds, down for data-down, timed from
// the clock so it never drifts; a click made here if the sound is on; the count of raises said
// once a raise. Nothing loaded, sent or stored. Without JavaScript: the pace in words only.
(() => {
  "use strict"
  for (const pacer of document.querySelectorAll(".pacer")) {
    const up = pacer.dataset.up * 1000, period = up + pacer.dataset.down * 1000
    const controls = pacer.querySelector(".pacer__controls")
    const [button, sound] = controls.querySelectorAll("button, input")
    const dot = controls.querySelector(".pacer__dot")
    const word = controls.querySelector(".pacer__word")
    const count = controls.querySelector("[aria-live]")
    let start, step, timer = 0, audio
    controls.hidden = false

    // Change n starts going up (even n) or down (odd n) in raise n/2 + 1. A late timer (a tab
    // in the background) goes to where the clock is, never through the changes it missed.
    const beat = () => {
      const elapsed = performance.now() - start
      const now = 2 * Math.floor(elapsed / period) + (elapsed % period >= up)
      if (now !== step) {
        step = now
        const rising = step % 2 === 0
        if (rising && step) count.textContent = step / 2 + (step === 2 ? " raise" : " raises")
        pacer.dataset.phase = rising ? "up" : "down"
        dot.style.transitionDuration = (rising ? up : period - up) + "ms"
        word.textContent = rising ? "Up" : "Down"
        if (sound.checked && audio) {
          const tone = new OscillatorNode(audio, {frequency: rising ? 880 : 660})
          tone.connect(new GainNode(audio, {gain: 0.2})).connect(audio.destination)
          tone.start()
          tone.stop(audio.currentTime + 0.05)
        }
      }
      timer = setTimeout(beat, (step >> 1) * period + (step % 2 ? period : up) - elapsed)
    }
    button.addEventListener("click", () => {
      clearTimeout(timer)
      if (timer) {
        timer = 0
        delete pacer.dataset.phase
        dot.style.transitionDuration = word.textContent = ""
        button.textContent = "Start"
      } else {
        button.textContent = "Stop"
        if (count.textContent) count.textContent = ""
        start = performance.now()
        step = -1
        beat()
      }
    })
    sound.addEventListener("change", () => {
      if (sound.checked && !audio && window.AudioContext) audio = new AudioContext()
    })
  }
})()
