"""The pictures and the demonstration clip: accessible, readable, and decodable.

The SVG and caption checks need only Python.  The clip checks decode the files
with PyAV (av==18.1.0 in the test requirements).
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
MEDIA = ROOT / "docs" / "media"
SVG_NS = "{http://www.w3.org/2000/svg}"

# Label text each picture must show (multi-line labels are joined with a space).
SVG_LABELS = {
    "soleus-anatomy.svg": ["Thigh bone", "Gastrocnemius starts above the knee", "Knee",
                           "Soleus starts below the knee", "Achilles tendon", "Heel"],
    "heel-raise-start.svg": ["Knee bent", "Ball of foot on edge", "Heel down"],
    "heel-raise-top.svg": ["Knee still bent", "Heel high"],
    "heel-raise-mistake.svg": ["Wrong: knee straight"],
    "seated-raise-start.svg": ["Weight just above the knee", "Knee at a right angle", "Foot flat"],
    "seated-raise-top.svg": ["Knee still at a right angle", "Toes stay down", "Heel high"],
}

# On the handout the exercise pictures print 56 mm wide (clear print) and 75 mm
# wide (large print); their labels must print at the sheet's body size, 12 pt and
# 16 pt.  The anatomy picture's labels are as large, for consistency.
MM = 72 / 25.4  # points in a millimetre
PRINTED = [(56 * MM, 12), (75 * MM, 16)]  # (picture width, body size), in points

# The clip: 2.5 s start, then 3 reps of 1.5 s up, 0.5 s hold, 3 s down, 0.5 s rest.
CLIP_SECONDS = 19.0
CLIP_FPS = 24
CLIP_FRAMES = 456
CLIP_SIZE = (576, 576)
# The seated clip: 3 s start, then 3 reps of 2 s up, 0.5 s hold, 3 s down, 0.5 s rest.
SEATED_SECONDS = 21.0
SEATED_FRAMES = 504
DURATION_TOLERANCE = 0.05  # seconds: less than two frames
MAX_MEDIA_BYTES = 1_000_000


@functools.cache
def load_script():
    """scripts/make_pictures.py as a module (stdlib only at import time)."""
    spec = importlib.util.spec_from_file_location("make_pictures", ROOT / "scripts" / "make_pictures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def svg_texts(root):
    return " ".join(" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG_NS}text"))


# --- SVGs ---------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(SVG_LABELS))
def test_svg_is_accessible_image(name):
    path = IMAGES / name
    assert path.stat().st_size < 20_000
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("role") == "img"
    _, _, vb_w, vb_h = (float(v) for v in root.get("viewBox").split())
    assert (float(root.get("width")), float(root.get("height"))) == (vb_w, vb_h)
    title, desc = list(root)[:2]
    assert title.tag == f"{SVG_NS}title" and title.text.strip()
    assert desc.tag == f"{SVG_NS}desc" and desc.text.strip()
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


@pytest.mark.parametrize("name", sorted(SVG_LABELS))
def test_svg_labels_are_real_text(name):
    root = ET.parse(IMAGES / name).getroot()
    text = svg_texts(root)
    for label in SVG_LABELS[name]:
        assert label in text


@pytest.mark.parametrize("name", sorted(SVG_LABELS))
def test_svg_is_transparent_with_generic_fonts_readable_at_360px(name):
    source = (IMAGES / name).read_text(encoding="utf-8")
    root = ET.fromstring(source)
    vb_w, vb_h = (float(v) for v in root.get("viewBox").split()[2:])
    # No full-canvas background, no embedded fonts or stylesheets.
    for rect in root.iter(f"{SVG_NS}rect"):
        assert (float(rect.get("width")), float(rect.get("height"))) != (vb_w, vb_h)
    assert "@font-face" not in source and "<style" not in source and "<image" not in source
    group = root.find(f"{SVG_NS}g")
    assert group.get("font-family").endswith("sans-serif")
    assert float(group.get("font-size")) * 360 / vb_w >= 14


def font_sizes(node, inherited=None):
    """(text, font size) of every <text>: its own font-size or the nearest ancestor's."""
    size = float(node.get("font-size", inherited or 0))
    if node.tag == f"{SVG_NS}text":
        yield "".join(node.itertext()), size
    for child in node:
        yield from font_sizes(child, size)


@pytest.mark.parametrize("name", sorted(SVG_LABELS))
def test_labels_print_at_body_size(name):
    root = ET.parse(IMAGES / name).getroot()
    vb_w = float(root.get("viewBox").split()[2])
    sizes = list(font_sizes(root))
    assert sizes
    for text, size in sizes:
        for width_pt, body_pt in PRINTED:
            assert size / vb_w * width_pt >= body_pt, (text, size)


def test_svgs_match_the_script():
    """The committed SVGs are exactly what scripts/make_pictures.py draws."""
    script = load_script()
    assert (IMAGES / "soleus-anatomy.svg").read_text(encoding="utf-8") == script.anatomy_svg()
    pictures = {**script.exercise_pictures(), **script.seated_pictures()}
    assert sorted(pictures) == ["heel-raise-mistake", "heel-raise-start", "heel-raise-top",
                                "seated-raise-start", "seated-raise-top"]
    for name, (title, desc, shapes) in pictures.items():
        body = "\n".join(script.svg_shape(s) for s in shapes)
        expected = script.svg_document(name, title, desc, body)
        assert (IMAGES / f"{name}.svg").read_text(encoding="utf-8") == expected


# --- The figure itself ----------------------------------------------------------
def knee_forward(j):
    """Positive when the knee lies in front of (+x) the hip-ankle line."""
    (hx, hy), (kx, ky), (ax, ay) = j["hip"], j["knee"], j["ankle"]
    return (ax - hx) * (ky - hy) - (ay - hy) * (kx - hx)


def test_figure_poses():
    script = load_script()
    start, top, mistake = (script.joints(p) for p in (script.START, script.TOP, script.MISTAKE_TOP))
    for j in (start, top, mistake):
        assert j["ball"] == (0.0, script.STEP_H)  # ball of the foot rests on the step ...
        assert script.STEP_EDGE_X < j["ball"][0] < script.STEP_EDGE_X + script.STEP_DEPTH
        assert j["heel"][0] < script.STEP_EDGE_X  # ... with the heel off the edge
        assert knee_forward(j) > 0  # the knee never bends backwards, even when "straight"
        assert abs(j["hand"][0] - script.HAND[0]) < 1e-9 and abs(j["hand"][1] - script.HAND[1]) < 1e-9
    assert start["heel"][1] < script.STEP_H < top["heel"][1]
    # Bent 30-45 degrees, as in the bent-knee heel-raise studies (references 6, 9, 10) ...
    assert 30 <= script.START.knee_bend == script.TOP.knee_bend <= 45
    # ... so the knee comes forward over the toes (the figure faces +x).
    for j in (start, top):
        assert j["ball"][0] < j["knee"][0] <= j["toe"][0]
    assert script.MISTAKE_TOP.knee_bend < 5


# --- The pose as drawn: measured from the SVGs and from the clip's frames ----------
# The working leg's thigh and shin, its foot and toes, the floor, the step or seat
# and the weight carry a class.  A limb is a quad p + n r1, q + n r2, q - n r2,
# p - n r1: the midpoints of its ends are the joint centres (hip and knee, knee and
# ankle).  The toes are ball, toe tip, then their top.  View units, y down.
ON = 0.15  # view units: the SVG's coordinates are rounded to 0.1
# (picture, knee flexion range in degrees): bent 30-45 in the heel raise, straight
# in the mistake, a right angle in the seated raise.
KNEE_FLEXION = {
    "heel-raise-start.svg": (30, 45),
    "heel-raise-top.svg": (30, 45),
    "heel-raise-mistake.svg": (0, 5),
    "seated-raise-start.svg": (85, 95),
    "seated-raise-top.svg": (85, 95),
}


def svg_parts(name):
    """class -> points of the picture's marked polygons and polylines."""
    root = ET.parse(IMAGES / name).getroot()
    return {el.get("class"): [tuple(float(v) for v in pt.split(",")) for pt in el.get("points").split()]
            for tag in ("polygon", "polyline") for el in root.iter(f"{SVG_NS}{tag}") if el.get("class")}


def shape_parts(shapes):
    """The same from the script's shapes (a clip frame)."""
    return {s.name: list(s.points) for s in shapes if getattr(s, "name", None)}


def midpoint(a, b):
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def limb_ends(quad):
    a, b, c, d = quad
    return midpoint(a, d), midpoint(b, c)


def knee_flexion(parts):
    """Degrees between the thigh (hip -> knee) and the shin (knee -> ankle); negative
    when the knee bends backwards (the figure faces +x, view y is down)."""
    hip, knee = limb_ends(parts["thigh"])
    knee_too, ankle = limb_ends(parts["shin"])
    assert math.dist(knee, knee_too) < ON
    t = (knee[0] - hip[0], knee[1] - hip[1])
    s = (ankle[0] - knee[0], ankle[1] - knee[1])
    return math.degrees(math.atan2(t[0] * s[1] - t[1] * s[0], t[0] * s[0] + t[1] * s[1]))


def floor_y(parts):
    (_, y0), (_, y1) = parts["floor"]
    assert y0 == y1
    return y0


def support_y(parts):
    """Where the ball of the foot rests: the step's top, or the floor."""
    return min(y for _, y in parts["step"]) if "step" in parts else floor_y(parts)


def heel_height(parts):
    """How far the lowest point of the foot's rear half is above what the ball rests on."""
    ball = parts["toes"][0]
    return support_y(parts) - max(y for x, y in parts["foot"] if x < ball[0] - 15)


def toes_down(parts):
    """Ball of the foot and toe tip on the step or floor."""
    ball, tip = parts["toes"][:2]
    return abs(ball[1] - support_y(parts)) < ON and abs(tip[1] - support_y(parts)) < ON


def hip_on_seat(parts):
    """The hip's round end rests on the seat: (hip, True when its bottom is on the seat top)."""
    a, _, _, d = parts["thigh"]
    hip = midpoint(a, d)
    return hip, abs(hip[1] + math.dist(a, d) / 2 - min(y for _, y in parts["seat"])) < ON


def weight_rest(parts):
    """Where the weight touches the thigh's top surface, as fractions of hip -> knee, or
    None when some of the weight sinks into the thigh."""
    hip, knee = limb_ends(parts["thigh"])
    a, b, c, d = parts["thigh"]
    top = min(((a, b), (d, c)), key=lambda edge: edge[0][1] + edge[1][1])  # y is down
    (x0, y0), (x1, y1) = top
    length = math.hypot(x1 - x0, y1 - y0)

    def above(p):  # distance above the top surface, away from the thigh's axis
        side = ((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) / length
        axis = ((x1 - x0) * (hip[1] - y0) - (y1 - y0) * (hip[0] - x0)) / length
        return -side if axis > 0 else side

    if min(above(p) for p in parts["weight"]) < -ON:
        return None
    axis = (knee[0] - hip[0], knee[1] - hip[1])
    return [((p[0] - hip[0]) * axis[0] + (p[1] - hip[1]) * axis[1]) / math.dist(hip, knee) ** 2
            for p in parts["weight"] if above(p) < ON]


def assert_weight_just_above_the_knee(parts):
    rest = weight_rest(parts)
    assert rest is not None  # on the thigh, not in it ...
    assert rest  # ... touching it (not floating above) ...
    assert max(rest) - min(rest) > 0.1  # ... standing on its flat base, not a point ...
    assert all(0.5 < t < 0.95 for t in rest)  # ... nearer the knee than the hip


@pytest.mark.parametrize("name", sorted(KNEE_FLEXION))
def test_knee_angle_as_drawn(name):
    low, high = KNEE_FLEXION[name]
    assert low <= knee_flexion(svg_parts(name)) < high


@pytest.mark.parametrize("name", sorted(KNEE_FLEXION))
def test_ball_of_foot_stays_down_as_drawn(name):
    assert toes_down(svg_parts(name))


def test_seated_pictures_as_drawn():
    start, top = svg_parts("seated-raise-start.svg"), svg_parts("seated-raise-top.svg")
    assert abs(heel_height(start)) < ON  # foot flat ...
    assert heel_height(top) >= 20  # ... then the heel high (10 cm in the drawing's scale)
    (hip_start, on_start), (hip_top, on_top) = hip_on_seat(start), hip_on_seat(top)
    assert on_start and on_top and math.dist(hip_start, hip_top) < ON
    for parts in (start, top):
        assert_weight_just_above_the_knee(parts)
    # The weight goes up with the knee.
    assert max(y for _, y in top["weight"]) < max(y for _, y in start["weight"]) - 5


def test_heel_raise_pictures_as_drawn():
    start, top = svg_parts("heel-raise-start.svg"), svg_parts("heel-raise-top.svg")
    assert heel_height(start) < -10 < 10 < heel_height(top)  # below the step, then above it


# The seated raise, up in 2 seconds and down in 3, at the clip's 24 frames a second.
SEATED_UP_S, SEATED_DOWN_S = 2, 3


def seated_frames():
    """(label, parts): one repetition stepped here, then every frame of the seated clip."""
    script = load_script()
    heights = ([script.ease(i / (SEATED_UP_S * CLIP_FPS)) for i in range(SEATED_UP_S * CLIP_FPS + 1)]
               + [1 - script.ease(i / (SEATED_DOWN_S * CLIP_FPS)) for i in range(SEATED_DOWN_S * CLIP_FPS + 1)])
    for u in heights:
        pose = script.lerp_pose(script.SEATED_START, script.SEATED_TOP, u)
        yield u, shape_parts(script.seated_shapes(pose, []))
    for i in range(SEATED_FRAMES):
        yield f"clip frame {i}", shape_parts(script.seated_frame_shapes(i / CLIP_FPS))


def test_seated_raise_frame_by_frame():
    frames = list(seated_frames())
    assert len(frames) == 5 * CLIP_FPS + 2 + SEATED_FRAMES
    first_hip, _ = hip_on_seat(frames[0][1])
    for u, parts in frames:
        assert toes_down(parts), u
        assert 85 <= knee_flexion(parts) <= 95, u
        hip, on_seat = hip_on_seat(parts)
        assert on_seat and math.dist(hip, first_hip) < 1e-9, u  # the thigh stays on the seat
        assert_weight_just_above_the_knee(parts)
    assert max(heel_height(parts) for _, parts in frames) >= 20


def test_heel_raise_clip_frame_by_frame():
    script = load_script()
    start = knee_flexion(svg_parts("heel-raise-start.svg"))
    for i in range(CLIP_FRAMES):
        parts = shape_parts(script.frame_shapes(i / CLIP_FPS))
        assert 30 <= knee_flexion(parts) <= 45, i
        assert abs(knee_flexion(parts) - start) < 0.5, i  # the same bend all the way up and down
        assert toes_down(parts), i


# --- Captions -------------------------------------------------------------------
def parse_vtt(text):
    cues = []
    for block in text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        m = re.match(r"(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d)\.(\d{3})", lines[timing])
        a = int(m[1]) * 60 + int(m[2]) + int(m[3]) / 1000
        b = int(m[4]) * 60 + int(m[5]) + int(m[6]) / 1000
        cues.append((a, b, " ".join(lines[timing + 1:])))
    return cues


def tiled_cues(name: str, seconds: float) -> tuple[str, list]:
    """A clip's captions (WebVTT) and their 7 cues, which follow one another, each with words,
    from the clip's first moment to its last."""
    text = (MEDIA / name).read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    cues = parse_vtt(text)
    assert len(cues) == 7
    assert cues[0][0] == 0.0 and cues[-1][1] == seconds
    for (a, b, words), (next_a, _, _) in zip(cues, cues[1:] + [(seconds, 0, "")]):
        assert a < b == next_a and words
    return text, cues


def test_captions():
    text, cues = tiled_cues("heel-raise.vtt", CLIP_SECONDS)
    assert any("knee bent" in words.lower() for _, _, words in cues)
    assert any("below the step" in words.lower() for _, _, words in cues)
    assert text == load_script().captions()
    assert_cues_follow_the_movement(cues, load_script().HEEL_RAISE)


def assert_cues_follow_the_movement(cues, timing):
    """After the start cue, each repetition's up cue begins as the heel starts up and its
    down cue as the heel starts down; each lasts until the next phase begins."""
    phase_at = functools.partial(load_script().phase_at, timing=timing)
    assert phase_at(cues[0][1] - 0.01)[1] == "Start"
    for n, (a, b, _) in enumerate(cues[1:]):
        rep, word = n // 2 + 1, "Up" if n % 2 == 0 else "Down slowly"
        assert phase_at(a)[:3] == (rep, word, 0.0 if word == "Up" else 1.0)
        assert phase_at(b - 0.01)[:2] == (rep, word)


def test_seated_captions():
    text, cues = tiled_cues("seated-raise.vtt", SEATED_SECONDS)
    script = load_script()
    assert text == script.seated_captions()
    assert_cues_follow_the_movement(cues, script.SEATED)
    # The pace the captions give is the clip's: up for 2 seconds, down for 3.
    said = {(n % 2, int(m)) for n, (_, _, words) in enumerate(cues[1:])
            for m in re.findall(r"(\d+) seconds", words)}
    assert said == {(0, 2), (1, 3)}
    assert (script.SEATED.up, script.SEATED.down) == (2, 3)
    assert "just above the knee" in cues[0][2] and "foot flat" in cues[0][2]


# --- Clip and poster --------------------------------------------------------------
def top_level_boxes(data):
    boxes, i = [], 0
    while i < len(data):
        size, kind = struct.unpack(">I4s", data[i:i + 8])
        boxes.append(kind.decode())
        i += size
    return boxes


@pytest.mark.parametrize("name, codec, seconds, n_frames", [
    ("heel-raise.mp4", "h264", CLIP_SECONDS, CLIP_FRAMES),
    ("heel-raise.webm", "vp9", CLIP_SECONDS, CLIP_FRAMES),
    ("seated-raise.mp4", "h264", SEATED_SECONDS, SEATED_FRAMES),
    ("seated-raise.webm", "vp9", SEATED_SECONDS, SEATED_FRAMES),
])
def test_clip_decodes(name, codec, seconds, n_frames):
    import av

    path = MEDIA / name
    assert path.stat().st_size <= MAX_MEDIA_BYTES
    with av.open(str(path)) as container:
        assert len(container.streams.audio) == 0
        assert len(container.streams) == 1
        stream = container.streams.video[0]
        assert stream.codec_context.name == codec
        assert (stream.width, stream.height) == CLIP_SIZE
        assert stream.average_rate == CLIP_FPS
        assert abs(container.duration / 1_000_000 - seconds) <= DURATION_TOLERANCE
        frames = 0
        for frame in container.decode(video=0):
            assert frame.format.name == "yuv420p"
            assert (frame.width, frame.height) == CLIP_SIZE
            frames += 1
        assert frames == n_frames


@pytest.mark.parametrize("name", ["heel-raise.mp4", "seated-raise.mp4"])
def test_mp4_is_faststart(name):
    boxes = top_level_boxes((MEDIA / name).read_bytes())
    assert boxes.index("moov") < boxes.index("mdat")


@pytest.mark.parametrize("name", ["heel-raise", "seated-raise"])
def test_poster_is_the_clips_first_frame_as_a_small_webp(name):
    import av
    from PIL import Image, ImageChops, ImageStat

    path = MEDIA / f"{name}.webp"
    assert path.stat().st_size <= 10_000  # on every first load of its page
    with Image.open(path) as poster, av.open(str(MEDIA / f"{name}.mp4")) as container:
        assert (poster.format, poster.size) == ("WEBP", CLIP_SIZE)
        first = next(container.decode(video=0)).to_image()
        # The same picture, both lossy: no pixel far from the clip's first frame on average
        difference = ImageChops.difference(poster.convert("RGB"), first).convert("L")
        assert ImageStat.Stat(difference).mean[0] < 4  # 2.3; the other clip's poster: 21.5
