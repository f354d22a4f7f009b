"""Draw the soleus pictures and the two demonstration clips.

Writes, from one parametric stick figure and one anatomy drawing:

  docs/images/soleus-anatomy.svg      back of the lower leg, calf muscles layered
  docs/images/heel-raise-start.svg    bent-knee heel raise, heel below the step
  docs/images/heel-raise-top.svg      heel raised, knee still bent
  docs/images/heel-raise-mistake.svg  the common mistake: knee straightens
  docs/images/seated-raise-start.svg  seated soleus raise: foot flat, knee at a right
                                      angle, a weight on the thigh just above the knee
  docs/images/seated-raise-top.svg    heel raised, toes down, knee still at a right angle
  docs/media/heel-raise.mp4           H.264 clip, 3 slow repetitions, silent
  docs/media/heel-raise.webm          VP9 version of the same clip
  docs/media/heel-raise.webp          poster frame (start position)
  docs/media/heel-raise.vtt           WebVTT captions in sync with the clip
  docs/media/seated-raise.{mp4,webm,webp,vtt}
                                      the same for the seated soleus raise: 3 repetitions,
                                      heel up for 2 seconds and down for 3

The seated pictures are drawn by the same code as the standing ones: the same
body, limbs and calf, only sitting (seated_joints) instead of standing (joints).
In every exercise picture the working leg's thigh, shin, foot and toes, the floor,
the step or seat, and the weight are marked with a class (class="thigh" ...), so
the tests can measure the pose as drawn.

The SVGs and captions need only the standard library (--no-video).  The clip
needs the pinned packages in scripts/requirements-media.txt (Pillow draws the
frames, PyAV's wheel bundles the x264 and libvpx encoders).  Output is
deterministic: running the script twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass, fields
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
IMAGES_DIR = ROOT / "docs" / "images"
MEDIA_DIR = ROOT / "docs" / "media"
CLIP_STEM = "heel-raise"

# --- Style ------------------------------------------------------------------
# Mid-tone fills read on white and on Material's dark slate; labels sit on a
# white pill so their dark text works on any background and in grayscale.
FONT_FAMILY = "Inter, Arial, Helvetica, sans-serif"
# The handout prints the three exercise pictures side by side 56 mm wide (clear
# print) or 75 mm wide (large print); their labels must print at the sheet's body
# size, 12 pt and 16 pt (RNIB clear print).  So a label's font size is at least
# 12 pt / 56 mm = 7.56 % of its picture's width (16 pt / 75 mm is 7.53 %).
FONT_SIZE = 37  # viewBox units: 7.7 % of 480, 12.2 pt at 56 mm, 16.4 pt at 75 mm
CLIP_FONT_SIZE = 19  # the clip is seen on screen only: 23 px in its 576 px frame
BODY = "#4f7fc0"  # near side of the figure
FAR = "#8fa9d2"  # far leg: lighter so it reads as "behind"
CALF = "#f0a040"  # the working calf muscle; lighter than BODY so it shows in grayscale
STEP_FILL = "#9aa3b1"
STEP_EDGE = "#6b7483"
GUIDE = "#7c8799"  # ground, leader lines, dashed step level
TEXT = "#1a1d24"
PILL = "#ffffff"
MISTAKE = "#d0342c"
VIDEO_BG = "#f6f7f9"  # frames need an opaque background

# --- Scene (metres, y up) mapped to the 480 x 480 viewBox (y down) ----------
VIEW_W, VIEW_H = 480, 480
# The figure stands a little right of centre: the heel's label on the left, the
# knee's and the ball of the foot's on the right, none of them over the figure.
SCALE = 205.0  # viewBox units per metre
ORIGIN = (193.0, 468.0)  # where world (0, 0) lands: ball of foot x, ground y
STEP_H = 0.19
STEP_EDGE_X = -0.03  # the ball of the foot rests 3 cm in from the edge
STEP_DEPTH = 0.22
# A handrail on the wall behind (seen side on: a bar on two wall brackets); the
# near hand holds it in front of the body.
RAIL_Y = 1.15
RAIL_X = (-0.42, 0.34)
HAND = (0.27, RAIL_Y)

# --- Clip ---------------------------------------------------------------------
VIDEO_W, VIDEO_H = 576, 576  # same square shape as the viewBox; multiple of 16 for H.264
FPS = 24
SUPERSAMPLE = 3  # draw big, shrink: cheap anti-aliasing with Pillow
INTRO_S = 2.5  # standing at the start position
UP_S = 1.5  # heel rises in 1-2 s
TOP_HOLD_S = 0.5
DOWN_S = 3.0  # lowers slowly
BOTTOM_HOLD_S = 0.5
REPS = 3


@dataclass(frozen=True)
class Body:
    """Segment lengths in metres; foot points are in a frame at the ball of foot.

    The foot is drawn about 1.25 times life size: it is what the pictures are about.
    """

    # Outline of the foot behind the ball: sole, ball, instep, front and back of
    # the ankle, back of the heel.
    foot: tuple = ((-0.22, 0.0), (0.0, 0.0), (0.005, 0.035), (-0.07, 0.062),
                   (-0.13, 0.098), (-0.215, 0.095), (-0.255, 0.04))
    heel_pad: tuple = (-0.22, 0.036)  # centre of the rounded heel, radius 0.036
    heel: tuple = (-0.245, 0.012)  # where labels point
    ankle: tuple = (-0.17, 0.085)
    toes: float = 0.08
    shank: float = 0.43
    thigh: float = 0.44
    torso: float = 0.50
    neck: float = 0.075
    head_r: float = 0.105
    upper_arm: float = 0.30
    forearm: float = 0.34  # to the middle of the hand


@dataclass(frozen=True)
class Pose:
    """Angles in degrees.  Knee bend is flexion: the knee always points forward."""

    heel_up: float  # foot angle about the ball; negative = heel below the step
    knee_bend: float
    shin_lean: float  # shank forward of vertical
    trunk_lean: float = 18.0
    free_hip: float = -10.0  # other leg: thigh hangs just behind straight down ...
    free_knee: float = 110.0  # ... and the knee bends to lift the foot up behind


BODY_SIZES = Body()
START = Pose(heel_up=-16.0, knee_bend=40.0, shin_lean=32.0, trunk_lean=12.0)
TOP = Pose(heel_up=36.0, knee_bend=40.0, shin_lean=22.0, trunk_lean=12.0)
MISTAKE_TOP = Pose(heel_up=36.0, knee_bend=2.0, shin_lean=4.0, trunk_lean=8.0)


# --- Geometry -----------------------------------------------------------------
def polar(length, deg_from_vertical):
    """Vector of `length` leaning `deg` forward (+x) from straight up."""
    a = math.radians(deg_from_vertical)
    return (length * math.sin(a), length * math.cos(a))


def add(p, q, k=1.0):
    return (p[0] + k * q[0], p[1] + k * q[1])


def rotate_heel_up(p, deg):
    """Rotate a foot point about the ball of the foot; +deg lifts the heel."""
    a = math.radians(deg)
    return (p[0] * math.cos(a) + p[1] * math.sin(a), -p[0] * math.sin(a) + p[1] * math.cos(a))


def reach(shoulder, target, upper, lower, side=-1):
    """Two-link arm: elbow below the shoulder-hand line, as when resting a hand.

    side=+1 puts the middle joint above the line instead: a seated leg's knee.
    """
    dx, dy = target[0] - shoulder[0], target[1] - shoulder[1]
    d = min(math.hypot(dx, dy), upper + lower - 1e-6)
    hand = add(shoulder, (dx, dy), d / math.hypot(dx, dy))
    a = math.acos((upper**2 + d**2 - lower**2) / (2 * upper * d))
    base = math.atan2(dy, dx) + side * a  # minus: elbow drops below the line
    return add(shoulder, (upper * math.cos(base), upper * math.sin(base))), hand


def foot_at(ball, heel_up, b=BODY_SIZES):
    """The working foot with its ball at `ball`: the rest of it turned about the ball."""
    foot = {k: add(ball, rotate_heel_up(getattr(b, k), heel_up))
            for k in ("heel", "heel_pad", "ankle")}
    foot["foot"] = tuple(add(ball, rotate_heel_up(p, heel_up)) for p in b.foot)
    return dict(ball=ball, toe=(ball[0] + b.toes, ball[1]), **foot)


def joints(pose, b=BODY_SIZES):
    """World positions (metres) of every point the drawing needs."""
    foot = foot_at((0.0, STEP_H), pose.heel_up, b)
    ankle = foot["ankle"]
    knee = add(ankle, polar(b.shank, pose.shin_lean))
    # Thigh leans back by (bend - shin lean) so the knee sits in front of the
    # hip-ankle line, i.e. it bends the anatomically correct way.
    hip = add(knee, polar(b.thigh, -(pose.knee_bend - pose.shin_lean)))
    shoulder = add(hip, polar(b.torso, pose.trunk_lean))
    head = add(shoulder, polar(b.neck + b.head_r, pose.trunk_lean * 0.5))
    elbow, hand = reach(shoulder, HAND, b.upper_arm, b.forearm)
    free_knee = add(hip, polar(-b.thigh, -pose.free_hip))
    free_ankle = add(free_knee, polar(-b.shank, -(pose.free_hip - pose.free_knee)))
    free_toe = add(free_ankle, polar(-0.15, -(pose.free_hip - pose.free_knee) - 55))
    return dict(knee=knee, hip=hip, shoulder=shoulder, head=head, elbow=elbow, hand=hand,
                free_knee=free_knee, free_ankle=free_ankle, free_toe=free_toe, **foot)


def view(p):
    """World metres (y up) -> viewBox units (y down)."""
    return (ORIGIN[0] + p[0] * SCALE, ORIGIN[1] - p[1] * SCALE)


OUTLINES = ("foot", "free_foot", "weight")  # what joints() and seated_joints() give as shapes


def in_view(world):
    """Each joint of joints() or seated_joints() in viewBox units (not the outlines)."""
    return {k: view(v) for k, v in world.items() if k not in OUTLINES}


# --- Drawing primitives (shared by the SVG writer and the frame rasteriser) ---
@dataclass(frozen=True)
class Poly:
    points: tuple
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    name: str | None = None  # written as the polygon's class, for the tests to find it


@dataclass(frozen=True)
class Circle:
    centre: tuple
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0


@dataclass(frozen=True)
class Line:
    points: tuple
    stroke: str
    width: float
    dash: tuple | None = None
    name: str | None = None  # written as the polyline's class


@dataclass(frozen=True)
class Label:
    lines: tuple  # first line bold
    centre: tuple  # pill centre
    target: tuple | None = None  # leader line end, with a dot


def limb(p, q, r1, r2, fill, name=None):
    """Tapered capsule from p to q (view units): a quad plus round ends.

    The quad's corners are p + n r1, q + n r2, q - n r2, p - n r1 (n a unit normal),
    so the midpoints of its ends are p and q: the joint centres.
    """
    dx, dy = q[0] - p[0], q[1] - p[1]
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n, dx / n
    quad = ((p[0] + nx * r1, p[1] + ny * r1), (q[0] + nx * r2, q[1] + ny * r2),
            (q[0] - nx * r2, q[1] - ny * r2), (p[0] - nx * r1, p[1] - ny * r1))
    return [Poly(quad, fill, name=name), Circle(p, r1, fill), Circle(q, r2, fill)]


def calf_shape(knee, ankle, fill):
    """Muscle belly bulging behind the shin (the side away from the toes)."""
    pts = []
    for t, bulge in ((0.12, 0.0), (0.25, 0.55), (0.42, 0.75), (0.6, 0.6), (0.78, 0.25), (0.9, 0.0)):
        x = knee[0] + (ankle[0] - knee[0]) * t
        y = knee[1] + (ankle[1] - knee[1]) * t
        dx, dy = ankle[0] - knee[0], ankle[1] - knee[1]
        n = math.hypot(dx, dy)
        # Normal pointing backwards (-x in the view, the figure faces +x).
        nx, ny = dy / n, -dx / n
        if nx > 0:
            nx, ny = -nx, -ny
        off = 0.035 * SCALE + bulge * 0.05 * SCALE
        pts.append((x + nx * off, y + ny * off))
    axis = [(knee[0] + (ankle[0] - knee[0]) * t, knee[1] + (ankle[1] - knee[1]) * t) for t in (0.9, 0.12)]
    return Poly(tuple(pts + axis), fill)


def scenery():
    """Ground, step and handrail: they never move."""
    g = view((-1.5, 0))[0], view((2.0, 0))[0]
    edge_top = view((STEP_EDGE_X, STEP_H))
    step_br = view((STEP_EDGE_X + STEP_DEPTH, 0))
    rail = (view((RAIL_X[0], RAIL_Y)), view((RAIL_X[1], RAIL_Y)))
    brackets = [Circle(view((x, RAIL_Y)), 0.03 * SCALE, STEP_FILL, STEP_EDGE, 2.0)
                for x in (RAIL_X[0] + 0.07, RAIL_X[1] - 0.07)]
    return [
        Line(((g[0], ORIGIN[1]), (g[1], ORIGIN[1])), GUIDE, 2.5, name="floor"),
        Poly((edge_top, (step_br[0], edge_top[1]), step_br, (edge_top[0], step_br[1])),
             STEP_FILL, STEP_EDGE, 2.0, "step"),
        *brackets,
        Line(rail, STEP_EDGE, 0.035 * SCALE),  # outline and fill of a round-ended bar
        Line(rail, STEP_FILL, 0.035 * SCALE - 4.0),
    ]


def step_level_guide():
    """Dashed line continuing the step top backwards: the heel goes below it."""
    a, b = view((STEP_EDGE_X - 0.24, STEP_H)), view((STEP_EDGE_X, STEP_H))
    return Line((a, b), GUIDE, 2.0, (6, 5))


def figure(pose):
    """The standing person of the heel raise."""
    return draw_figure(joints(pose))


def draw_figure(world, held=()):
    """The person, back to front: far leg, torso, head, working leg, what the hand holds, arm.

    `world` is joints() or seated_joints(): the same body drawn the same way.  The
    working leg's thigh and shin are named (class="thigh", class="shin" in the SVG).
    """
    j = in_view(world)
    s = SCALE
    shapes = []
    shapes += limb(j["hip"], j["free_knee"], 0.065 * s, 0.045 * s, FAR)
    shapes += limb(j["free_knee"], j["free_ankle"], 0.042 * s, 0.028 * s, FAR)
    if "free_foot" in world:  # flat on the floor
        shapes.append(Poly(tuple(view(p) for p in world["free_foot"]), FAR))
    else:  # lifted behind
        shapes += limb(j["free_ankle"], j["free_toe"], 0.028 * s, 0.022 * s, FAR)
    shapes += limb(j["hip"], j["shoulder"], 0.085 * s, 0.08 * s, BODY)
    shapes.append(Circle(j["head"], BODY_SIZES.head_r * s, BODY))
    shapes += limb(j["hip"], j["knee"], THIGH_R[0] * s, THIGH_R[1] * s, BODY, "thigh")
    shapes += limb(j["knee"], j["ankle"], 0.045 * s, 0.03 * s, BODY, "shin")
    shapes.append(calf_shape(j["knee"], j["ankle"], CALF))
    # Foot: rear part turns about the ball, toes stay flat on the step or floor.
    ball = world["ball"]
    shapes.append(Poly(tuple(view(p) for p in world["foot"]), BODY, name="foot"))
    shapes.append(Circle(j["heel_pad"], 0.036 * s, BODY))
    shapes.append(Poly((j["ball"], j["toe"], view((ball[0] + BODY_SIZES.toes, ball[1] + 0.022)),
                        view((ball[0], ball[1] + 0.035))), BODY, name="toes"))
    shapes += list(held)
    shapes += limb(j["shoulder"], j["elbow"], 0.035 * s, 0.03 * s, BODY)
    shapes += limb(j["elbow"], j["hand"], 0.03 * s, 0.035 * s, BODY)
    return shapes


def cross(centre, size, colour):
    """A bold x: marks the mistake."""
    x, y = centre
    return [Line(((x - size, y - size), (x + size, y + size)), colour, 6.0),
            Line(((x - size, y + size), (x + size, y - size)), colour, 6.0)]


# --- Text metrics (no font files: estimate from Helvetica/Arial widths) ------
_NARROW, _WIDE = set("fijlrtI.,'- ()"), set("mwMW")


def text_width(text, size, bold=False):
    em = sum(0.3 if c in _NARROW else 0.85 if c in _WIDE else 0.68 if c.isupper() else 0.56
             for c in text)
    return em * size * (1.16 if bold else 1.08)  # slack for wider fonts (Inter, DejaVu)


LINE_H = 1.2  # line height in a label, in ems


def side_label(lines, y, target=None, side="right", size=FONT_SIZE, margin=4.0):
    """A label against the left or right edge of the picture, centred at height y."""
    _, _, w, _ = pill_box(Label(lines, (0.0, y)), size)
    x = margin + w / 2 if side == "left" else VIEW_W - margin - w / 2
    return Label(lines, (x, y), target)


def pill_box(label, size=FONT_SIZE):
    w = max(text_width(t, size, i == 0) for i, t in enumerate(label.lines)) + 0.6 * size
    h = len(label.lines) * size * LINE_H + 0.5 * size
    return (label.centre[0] - w / 2, label.centre[1] - h / 2, w, h)


def leader_start(label, box):
    """Leader leaves the pill edge nearest the target."""
    x, y, w, h = box
    tx, ty = label.target
    sx = min(max(tx, x + 8), x + w - 8)
    sy = min(max(ty, y), y + h)
    if x < tx < x + w:
        return (sx, y if ty < y else y + h)
    return (x if tx < x else x + w, sy)


# --- SVG writer ----------------------------------------------------------------
def fmt(v):
    return f"{v:.1f}".rstrip("0").rstrip(".")


def svg_shape(shape):
    paint = ""
    if isinstance(shape, (Poly, Circle)):
        paint = f' fill="{shape.fill or "none"}"'
        if shape.stroke:
            paint += f' stroke="{shape.stroke}" stroke-width="{fmt(shape.width)}"'
    name = f' class="{shape.name}"' if getattr(shape, "name", None) else ""
    if isinstance(shape, Poly):
        pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in shape.points)
        return f'<polygon{name} points="{pts}"{paint}/>'
    if isinstance(shape, Circle):
        cx, cy = shape.centre
        return f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(shape.r)}"{paint}/>'
    if isinstance(shape, Line):
        pts = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in shape.points)
        dash = f' stroke-dasharray="{" ".join(map(fmt, shape.dash))}"' if shape.dash else ""
        return (f'<polyline{name} points="{pts}" fill="none" stroke="{shape.stroke}" '
                f'stroke-width="{fmt(shape.width)}" stroke-linecap="round"{dash}/>')
    if isinstance(shape, Label):
        return svg_label(shape)
    raise TypeError(shape)


def svg_label(label, size=FONT_SIZE):
    x, y, w, h = pill_box(label, size)
    out = []
    if label.target:
        sx, sy = leader_start(label, (x, y, w, h))
        tx, ty = label.target
        out.append(f'<line x1="{fmt(sx)}" y1="{fmt(sy)}" x2="{fmt(tx)}" y2="{fmt(ty)}" '
                   f'stroke="{GUIDE}" stroke-width="2"/>')
        out.append(f'<circle cx="{fmt(tx)}" cy="{fmt(ty)}" r="4" fill="{PILL}" '
                   f'stroke="{TEXT}" stroke-width="2"/>')
    out.append(f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}" '
               f'rx="{fmt(h / 2 if len(label.lines) == 1 else 10)}" fill="{PILL}" '
               f'stroke="{GUIDE}" stroke-width="1.5"/>')
    line_h = size * LINE_H
    first = label.centre[1] - (len(label.lines) - 1) * line_h / 2
    for i, text in enumerate(label.lines):
        weight = ' font-weight="700"' if i == 0 else ""
        out.append(f'<text x="{fmt(label.centre[0])}" y="{fmt(first + i * line_h)}" '
                   f'dy="0.35em"{weight}>{escape(text)}</text>')
    return "\n".join(out)


def svg_document(name, title, desc, body, width=VIEW_W, height=VIEW_H, font_size=FONT_SIZE):
    """Accessible SVG: role=img, <title>/<desc> first, transparent background."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc">\n'
        f'<title id="{name}-title">{escape(title)}</title>\n'
        f'<desc id="{name}-desc">{escape(desc)}</desc>\n'
        f'<g font-family="{FONT_FAMILY}" font-size="{font_size}" fill="{TEXT}" '
        f'text-anchor="middle" stroke-linejoin="round">\n{body}\n</g>\n</svg>\n'
    )


# --- The three exercise pictures ------------------------------------------------
def exercise_shapes(pose, labels, extra=()):
    return scenery() + [step_level_guide()] + figure(pose) + list(extra) + list(labels)


def exercise_pictures():
    """name -> (title, desc, shapes)."""
    s, t, m = (in_view(joints(p))
               for p in (START, TOP, MISTAKE_TOP))
    start = exercise_shapes(START, [
        side_label(("Knee bent",), 310, s["knee"]),
        side_label(("Ball of foot", "on edge"), 408, (s["ball"][0] + 3, s["ball"][1] - 3)),
        side_label(("Heel", "down"), 408, s["heel"], "left"),
    ])
    top = exercise_shapes(TOP, [
        side_label(("Knee", "still bent"), t["knee"][1], t["knee"]),
        side_label(("Heel", "high"), 408, t["heel"], "left"),
    ])
    knee_mark = (m["knee"][0] + 45, m["knee"][1] + 42)
    mistake = exercise_shapes(MISTAKE_TOP, [
        side_label(("Wrong:", "knee", "straight"), m["knee"][1], m["knee"]),
    ], extra=cross(knee_mark, 14, MISTAKE))
    return {
        "heel-raise-start": (
            "Bent-knee heel raise: start position",
            "Side view of a person standing on the ball of one foot on the edge of a step, "
            "one hand holding a rail for balance. The heel is lowered below the level of the "
            "step and the knee is bent, forward over the toes; the calf is highlighted.",
            start),
        "heel-raise-top": (
            "Bent-knee heel raise: top position",
            "The same person has pushed up onto the ball of the foot so the heel is high "
            "above the step, with the knee still bent by the same amount, forward over the toes.",
            top),
        "heel-raise-mistake": (
            "Common mistake: the knee straightens at the top",
            "The same person at the top of the heel raise with the knee straightened, "
            "marked wrong with a cross and the word Wrong. Keep the knee bent so the soleus "
            "does the work.",
            mistake),
    }


# --- The seated soleus raise -------------------------------------------------------
# The same person sits on a bench: the working foot flat on the floor (world y 0),
# the shin upright and the thigh level, so the knee is at a right angle.  A
# kettlebell rests on the thigh just above the knee, the near hand steadying it.
# As the heel rises the foot turns about the ball, the ankle lifts the knee and the
# thigh pivots about the hip, which stays on the seat.
# The floor is raised in the picture (world y FLOOR_Y, not 0): the seated person is
# shorter than the standing one on a step, and labels fit under the floor, their
# leaders rising through the open space under the heel.
FLOOR_Y = 0.36
SEAT_BALL = (-0.08, FLOOR_Y)  # ball of the working foot on the floor
THIGH_R = (0.075, 0.05)  # the thigh's radius at the hip and at the knee, metres
WEIGHT_AT = 0.72  # where the weight rests along the thigh: hip 0, knee 1
WEIGHT_R = 0.095  # the kettlebell's round body
WEIGHT = "#6b7483"  # 4.7:1 on white, 3.4:1 on the dark theme's slate
WEIGHT_EDGE = "#2b2f36"  # sets the weight off the blue thigh it rests on (3.2:1)


@dataclass(frozen=True)
class SeatedPose:
    """Angles in degrees; the knee follows from the hip on the seat and the foot."""

    heel_up: float  # foot angle about the ball; 0 = flat on the floor
    trunk_lean: float = 4.0


SEATED_START = SeatedPose(heel_up=0.0)
SEATED_TOP = SeatedPose(heel_up=34.0)


def seated_hip(b=BODY_SIZES):
    """Hip joint over the seat: with the foot flat, shin upright and thigh level."""
    ankle = add(SEAT_BALL, b.ankle)
    return (ankle[0] - b.thigh, ankle[1] + b.shank)


SEAT_HIP = seated_hip()
SEAT_TOP = SEAT_HIP[1] - THIGH_R[0]  # the thigh's round end rests on the seat
SEAT_X = (SEAT_HIP[0] - 0.26, SEAT_HIP[0] + 0.27)  # back and front edge of the seat


def kettlebell(contact, along):
    """Kettlebell standing on `contact`, its flat base along the unit vector `along`.

    Returns (body outline, handle line, top of the handle), in world metres.
    """
    up = (-along[1], along[0])

    def at(u, v):
        return add(add(contact, along, u), up, v)

    r, cy = WEIGHT_R, WEIGHT_R * 0.8  # the sphere is cut flat at its base
    a0 = math.asin(cy / r)  # angle below the centre where the base cuts the sphere
    n = 18
    body = [at(r * math.cos(a), cy + r * math.sin(a))
            for a in (-a0 + (math.pi + 2 * a0) * i / n for i in range(n + 1))]
    handle = [at(u, cy + v) for u, v in ((-0.05, 0.06), (-0.058, 0.11), (-0.04, 0.14),
                                         (0.04, 0.14), (0.058, 0.11), (0.05, 0.06))]
    return tuple(body), tuple(handle), at(0.0, cy + 0.14)


def seated_joints(pose, b=BODY_SIZES):
    """World positions (metres) for the seated figure: same keys as joints(), plus the weight."""
    foot = foot_at(SEAT_BALL, pose.heel_up, b)
    hip = SEAT_HIP
    knee, _ = reach(hip, foot["ankle"], b.thigh, b.shank, side=1)  # knee up and forward
    # The thigh's top surface: from the hip's edge to the knee's (the limb's quad).
    dx, dy = knee[0] - hip[0], knee[1] - hip[1]
    n = math.hypot(dx, dy)
    up = (-dy / n, dx / n)
    top_hip, top_knee = add(hip, up, THIGH_R[0]), add(knee, up, THIGH_R[1])
    ex, ey = top_knee[0] - top_hip[0], top_knee[1] - top_hip[1]
    e = math.hypot(ex, ey)
    contact = add(top_hip, (ex, ey), WEIGHT_AT)
    body, handle, grip = kettlebell(contact, (ex / e, ey / e))
    shoulder = add(hip, polar(b.torso, pose.trunk_lean))
    head = add(shoulder, polar(b.neck + b.head_r, pose.trunk_lean * 0.5))
    elbow, hand = reach(shoulder, grip, b.upper_arm, b.forearm)
    # The other foot flat on the floor a little ahead; it is behind the working leg.
    free_ball = add(SEAT_BALL, (0.12, 0.0))
    free_ankle = add(free_ball, b.ankle)
    free_knee, _ = reach(hip, free_ankle, b.thigh, b.shank, side=1)
    free_foot = tuple(add(free_ball, p) for p in (
        (-0.22, 0.0), (b.toes, 0.0), (b.toes, 0.022), *b.foot[2:]))
    return dict(knee=knee, hip=hip, shoulder=shoulder, head=head, elbow=elbow, hand=hand,
                free_knee=free_knee, free_ankle=free_ankle, free_toe=add(free_ball, (0.0, 0.03)),
                free_foot=free_foot, weight=(body, handle), **foot)


def seated_scenery():
    """Floor and bench: they never move."""
    (g0, floor), (g1, _) = view((-1.5, FLOOR_Y)), view((2.0, FLOOR_Y))
    (x0, y0), (x1, y1) = view((SEAT_X[0], SEAT_TOP)), view((SEAT_X[1], SEAT_TOP - 0.05))
    legs = [Poly((view((x, SEAT_TOP - 0.05)), view((x + 0.045, SEAT_TOP - 0.05)),
                  view((x + 0.045, FLOOR_Y)), view((x, FLOOR_Y))), STEP_FILL, STEP_EDGE, 2.0)
            for x in (SEAT_X[0] + 0.03, SEAT_X[1] - 0.075)]
    return [
        Line(((g0, floor), (g1, floor)), GUIDE, 2.5, name="floor"),
        *legs,
        Poly(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), STEP_FILL, STEP_EDGE, 2.0, "seat"),
    ]


def seated_figure(pose):
    world = seated_joints(pose)
    body, handle = world["weight"]
    held = [Poly(tuple(view(p) for p in body), WEIGHT, WEIGHT_EDGE, 2.0, "weight"),
            Line(tuple(view(p) for p in handle), WEIGHT, 0.024 * SCALE)]
    return draw_figure(world, held)


def seated_shapes(pose, labels):
    return seated_scenery() + seated_figure(pose) + list(labels)


def seated_pictures():
    """name -> (title, desc, shapes) for the seated soleus raise."""
    s, t = (in_view(seated_joints(p))
            for p in (SEATED_START, SEATED_TOP))
    weight_front = max(view(p) for p in seated_joints(SEATED_START)["weight"][0])
    under = 440  # labels under the floor
    start = seated_shapes(SEATED_START, [
        side_label(("Weight just", "above the knee"), 110, weight_front),
        side_label(("Knee at a", "right angle"), 290, s["knee"]),
        side_label(("Foot flat",), under, ((s["heel"][0] + s["ball"][0]) / 2, s["ball"][1]), "left"),
    ])
    top = seated_shapes(SEATED_TOP, [
        side_label(("Knee still at", "a right angle"), 190, t["knee"]),
        side_label(("Toes stay", "down"), 335, (t["toe"][0] - 3, t["toe"][1] - 3)),
        side_label(("Heel high",), under, t["heel"], "left"),
    ])
    return {
        "seated-raise-start": (
            "Seated soleus raise: start position",
            "Side view of a person sitting on a bench with one foot flat on the floor, the "
            "shin upright and the thigh level on the seat, so the knee is bent at a right "
            "angle. A kettlebell rests on the thigh just above the knee, steadied by one "
            "hand; the calf is highlighted.",
            start),
        "seated-raise-top": (
            "Seated soleus raise: top position",
            "The same seated person has pushed the heel up high, with the ball of the foot "
            "and the toes still on the floor. The knee stays bent at a right angle and lifts "
            "the kettlebell resting on the thigh just above it.",
            top),
    }


# --- Anatomy: posterior view of a right lower leg (medial side on the left) --
ANATOMY_W, ANATOMY_H = 520, 700
SKIN = "#8a93a3"
BONE, BONE_LINE = "#e9e2d0", "#8c8370"
GASTROC, GASTROC_LINE = "#b5483b", "#7a2a21"
SOLEUS, SOLEUS_LINE = "#e8a540", "#9a6417"
TENDON, TENDON_LINE = "#f4ecd8", "#8c7b55"
KNEE_Y = 193  # joint line between thigh bone and shin bone
ANATOMY_FONT = 40  # 7.7 % of 520, like the exercise pictures' labels
# The leg is drawn in its own units (the paths below), then shrunk and moved to
# leave the right-hand part of the picture to the labels.
LEG_SCALE = 0.8
LEG_AT = (4 - 34 * LEG_SCALE, 290 - KNEE_Y * LEG_SCALE)  # skin's left edge; knee line at y 290

# Painted back to front: the gastrocnemius lies over the soleus.
ANATOMY_PATHS = [
    # Skin outline of thigh, knee, calf and heel.
    ("skin", "M38 -180 L40 0 C44 80 56 150 64 193 C50 230 34 270 38 320 C42 380 80 430 90 470 "
             "C94 500 90 530 98 556 C110 580 168 580 178 556 C186 530 182 500 190 470 "
             "C200 430 226 380 230 318 C234 268 218 230 212 193 C218 150 228 80 232 0 L234 -180"),
    # Thigh bone (femur): shaft flaring into its two condyles above the joint.
    ("bone", "M120 -180 L156 -180 L156 0 C156 60 160 90 176 112 C196 128 202 156 196 176 "
             "C190 190 166 192 154 182 C148 172 144 164 138 164 C132 164 128 172 122 182 "
             "C110 192 86 190 80 176 C74 156 80 128 100 112 C116 90 120 60 120 0 Z"),
    # Shin bone (tibia), medial: plateau, shaft, inner ankle bump.
    ("bone", "M84 199 C110 193 164 193 184 199 C184 212 172 222 156 230 C150 300 146 390 "
             "144 440 C146 458 140 472 124 474 C104 476 96 466 100 452 C106 440 108 400 "
             "108 300 C104 250 96 232 88 222 C82 214 82 206 84 199 Z"),
    # Calf bone (fibula), lateral: head below the knee, thin shaft, outer ankle bump.
    ("bone", "M190 203 C202 201 210 209 206 221 C202 229 196 233 194 241 C188 320 182 400 "
             "184 470 C188 486 180 496 170 494 C160 490 162 478 166 468 C168 400 174 320 "
             "180 241 C178 229 180 207 190 203 Z"),
    # Heel bone (calcaneus).
    ("bone", "M106 502 C108 488 122 482 138 482 C154 482 168 488 170 502 C176 526 172 552 "
             "160 562 C148 570 128 570 116 562 C104 552 100 526 106 502 Z"),
    # Soleus: starts BELOW the knee on the tibia and fibula; broad and flat,
    # showing on both sides of and below the gastrocnemius.
    ("soleus", "M98 240 C118 226 160 214 196 214 C214 244 222 290 216 340 C210 384 186 420 "
               "156 452 L122 452 C92 424 66 390 60 344 C56 296 72 262 98 240 Z"),
    # Achilles tendon: from both muscles down to the back of the heel bone.
    ("tendon", "M110 326 C124 338 150 338 166 326 C160 380 152 420 150 456 C150 480 156 500 "
               "160 516 C146 524 128 524 114 516 C118 500 124 480 124 456 C122 420 116 380 "
               "110 326 Z"),
    # Gastrocnemius, medial head: starts ABOVE the knee on the thigh bone; the
    # bigger head, reaching lower.
    ("gastroc", "M104 118 C114 112 126 114 130 124 C136 180 138 270 136 336 C134 360 126 376 "
                "116 372 C88 350 52 310 50 262 C48 210 74 150 104 118 Z"),
    # Gastrocnemius, lateral head: shorter, ends higher.
    ("gastroc", "M172 118 C162 112 150 114 146 124 C140 180 138 260 140 322 C142 340 152 346 "
                "160 338 C184 312 208 282 208 240 C208 196 194 148 172 118 Z"),
]
# Fibre lines inside the muscles make them read as muscle, not blobs.
ANATOMY_FIBRES = [
    ("soleus", "M70 330 C86 380 106 420 126 446 M206 320 C196 370 176 412 152 446"),
    ("gastroc", "M66 240 C80 290 100 330 122 362 M96 160 C110 220 122 290 130 350 "
                "M196 220 C186 270 170 306 152 336 M168 140 C160 200 152 260 146 320"),
    ("tendon", "M128 350 C132 420 132 470 134 514 M148 350 C144 420 142 470 142 514"),
]


def anatomy_svg():
    paints = {
        "skin": f'fill="none" stroke="{SKIN}" stroke-width="2.5" stroke-dasharray="8 6"',
        "bone": f'fill="{BONE}" stroke="{BONE_LINE}" stroke-width="2"',
        "soleus": f'fill="{SOLEUS}" stroke="{SOLEUS_LINE}" stroke-width="2"',
        "tendon": f'fill="{TENDON}" stroke="{TENDON_LINE}" stroke-width="2"',
        "gastroc": f'fill="{GASTROC}" stroke="{GASTROC_LINE}" stroke-width="2"',
    }
    fibre = {"soleus": SOLEUS_LINE, "gastroc": "#e38a7d", "tendon": TENDON_LINE}
    parts = [f'<path d="{d}" {paints[kind]}/>' for kind, d in ANATOMY_PATHS]
    parts += [f'<path d="{d}" fill="none" stroke="{fibre[k]}" stroke-width="1.5" '
              f'stroke-opacity="0.7"/>' for k, d in ANATOMY_FIBRES]
    (tx, ty), k = LEG_AT, LEG_SCALE
    parts = [f'<g transform="translate({fmt(tx)} {fmt(ty)}) scale({k})">', *parts, "</g>"]

    def leg(x, y):
        """A point of the leg's drawing -> the picture."""
        return (tx + x * k, ty + y * k)

    # The labels in one column right of the leg, pills' left edges lined up; each
    # centred at its height, top to bottom as their targets are.
    col = leg(234, 0)[0] + 6

    def column(lines, y, target=None):
        _, _, w, _ = pill_box(Label(lines, (0.0, y)), ANATOMY_FONT)
        return Label(lines, (col + w / 2, y), target)

    knee_y = leg(0, KNEE_Y)[1]
    labels = [
        column(("Thigh bone",), 42, leg(138, 40)),
        column(("Gastrocnemius", "starts above", "the knee"), 166, leg(186, 168)),
        column(("Knee",), knee_y),
        column(("Soleus", "starts below", "the knee"), 414, leg(210, 330)),
        column(("Achilles", "tendon"), 566, leg(148, 470)),
        column(("Heel",), 660, leg(160, 545)),
    ]
    # Knee joint line: gastrocnemius starts above it, soleus below it.
    # Dark and white dashes in turn: the line shows on muscle, white and dark slate.
    knee_line = (f'x1="{fmt(leg(26, 0)[0])}" y1="{fmt(knee_y)}" x2="{fmt(col)}" '
                 f'y2="{fmt(knee_y)}" stroke-width="2.5" ')
    parts.append(f'<line {knee_line}stroke="{TEXT}" stroke-dasharray="7 7"/>')
    parts.append(f'<line {knee_line}stroke="{PILL}" stroke-dasharray="7 7" stroke-dashoffset="7"/>')
    parts += [svg_label(lab, ANATOMY_FONT) for lab in labels]
    return svg_document(
        "soleus-anatomy",
        "The calf muscles seen from behind",
        "Back of the right lower leg. The gastrocnemius, with two heads that start above "
        "the knee on the thigh bone, lies over the soleus, which starts below the knee on "
        "the shin bones and is wider and flatter, showing on both sides of and below the "
        "gastrocnemius. Both join the Achilles tendon, which attaches to the heel bone.",
        "\n".join(parts), ANATOMY_W, ANATOMY_H, ANATOMY_FONT,
    )


# --- Clip -------------------------------------------------------------------------
def ease(u):
    """Smooth start and stop, like a controlled movement."""
    return 0.5 - 0.5 * math.cos(math.pi * min(max(u, 0.0), 1.0))


def lerp_pose(a, b, u):
    """The pose a fraction u of the way from a to b (Pose or SeatedPose)."""
    return type(a)(*(getattr(a, f.name) + (getattr(b, f.name) - getattr(a, f.name)) * u
                     for f in fields(a)))


@dataclass(frozen=True)
class Timing:
    """A clip's timing in seconds: a still start, then repetitions of up, hold, down, rest."""

    intro: float
    up: float
    top_hold: float
    down: float
    bottom_hold: float
    reps: int

    @property
    def rep_s(self):
        return self.up + self.top_hold + self.down + self.bottom_hold

    @property
    def clip_s(self):
        return self.intro + self.reps * self.rep_s

    @property
    def n_frames(self):
        return round(self.clip_s * FPS)


HEEL_RAISE = Timing(INTRO_S, UP_S, TOP_HOLD_S, DOWN_S, BOTTOM_HOLD_S, REPS)
# The seated raise: heel up for 2 seconds, down for 3.
SEATED = Timing(intro=3.0, up=2.0, top_hold=0.5, down=3.0, bottom_hold=0.5, reps=3)


def phase_at(t, timing=HEEL_RAISE):
    """(rep number, phase word, 0..1 height of the heel) at time t seconds."""
    c = timing
    if t < c.intro:
        return 0, "Start", 0.0
    rep, r = divmod(t - c.intro, c.rep_s)
    rep = int(rep) + 1
    if r < c.up:
        return rep, "Up", ease(r / c.up)
    if r < c.up + c.top_hold:
        return rep, "Up", 1.0
    if r < c.up + c.top_hold + c.down:
        return rep, "Down slowly", 1.0 - ease((r - c.up - c.top_hold) / c.down)
    return rep, "Down slowly", 0.0


def frame_shapes(t):
    """One frame: the figure at time t, what to do now, and the knee reminder."""
    rep, word, u = phase_at(t)
    pose = lerp_pose(START, TOP, u)
    knee = view(joints(pose)["knee"])
    labels = [Label((word,), (85, 105)), Label(("Knee", "stays bent"), (400, 330), knee)]
    if rep:
        labels.append(Label((f"Rep {rep} of {REPS}",), (85, 150)))
    return exercise_shapes(pose, labels)


def seated_frame_shapes(t):
    """One frame of the seated clip: the figure, what to do now, knee and toes reminders."""
    rep, word, u = phase_at(t, SEATED)
    pose = lerp_pose(SEATED_START, SEATED_TOP, u)
    j = {k: view(seated_joints(pose)[k]) for k in ("knee", "toe")}
    # Above the head, clear of the captions at the top; the reminders right of the leg.
    labels = [Label((word,), (150, 75)),
              Label(("Knee stays at", "a right angle"), (330, 215), j["knee"]),
              Label(("Toes stay", "down"), (330, 340), (j["toe"][0] - 3, j["toe"][1] - 3))]
    if rep:
        labels.append(Label((f"Rep {rep} of {SEATED.reps}",), (150, 112)))
    return seated_shapes(pose, labels)


def vtt_time(seconds):
    ms = round(seconds * 1000)
    return f"{ms // 60000:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def captions():
    """Cues follow phase_at(); placed at the top so they never hide the foot."""
    return vtt("Stand on the step with your heel over the edge and your knee bent", [
        ("Push up through the ball of your foot \u2014 keep your knee bent",
         "Lower slowly, dropping your heel below the step"),
        ("Up again, knee still bent",  # no tempo in seconds: neither the article nor a source gives one
         "Down slowly, heel below the step"),
        ("Keep your knee bent throughout",
         "Slowly down, heel below the step: that is 3 repetitions"),
    ])


def seated_captions():
    """The seated clip's cues, in step with phase_at(t, SEATED)."""
    return vtt("Sit with your foot flat and a weight on your thigh, just above the knee", [
        ("Push your heel up for 2 seconds \u2014 toes stay on the floor",
         "Lower your heel for 3 seconds"),
        ("Up again, knee still at a right angle",
         "Down slowly, for 3 seconds"),
        ("Heel high, toes down",
         "Lower your heel: that is 3 repetitions"),
    ], SEATED)


def vtt(intro, texts, timing=HEEL_RAISE):
    """WebVTT: the intro cue, then each repetition's (up, down) cues."""
    cues = [(0.0, timing.intro, intro)]
    for i, (up, down) in enumerate(texts):
        start = timing.intro + i * timing.rep_s
        cues.append((start, start + timing.up + timing.top_hold, up))
        cues.append((start + timing.up + timing.top_hold, start + timing.rep_s, down))
    lines = ["WEBVTT", ""]
    for n, (a, b, text) in enumerate(cues, 1):
        lines += [str(n), f"{vtt_time(a)} --> {vtt_time(b)} line:0", text, ""]
    return "\n".join(lines)


def rasterise(shapes, size=(VIDEO_W, VIDEO_H)):
    """Draw the same primitives with Pillow, supersampled for smooth edges."""
    from PIL import Image, ImageDraw, ImageFont

    k = size[0] / VIEW_W * SUPERSAMPLE
    img = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), VIDEO_BG)
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(CLIP_FONT_SIZE * k)  # Pillow's bundled font: same on every machine

    def pts(ps):
        return [(x * k, y * k) for x, y in ps]

    def line(ps, colour, width, dash=None):
        ps = pts(ps)
        if dash:  # Pillow has no dashes: cut the segment into pieces
            (x0, y0), (x1, y1) = ps
            n = math.hypot(x1 - x0, y1 - y0)
            on, off = dash[0] * k, dash[1] * k
            s = 0.0
            while s < n:
                e = min(s + on, n)
                d.line([(x0 + (x1 - x0) * s / n, y0 + (y1 - y0) * s / n),
                        (x0 + (x1 - x0) * e / n, y0 + (y1 - y0) * e / n)], colour, round(width * k))
                s = e + off
            return
        d.line(ps, colour, round(width * k))
        for x, y in (ps[0], ps[-1]):  # round caps
            r = width * k / 2
            d.ellipse((x - r, y - r, x + r, y + r), colour)

    for sh in shapes:
        if isinstance(sh, Poly):
            d.polygon(pts(sh.points), sh.fill, sh.stroke, round(sh.width * k) if sh.stroke else 0)
        elif isinstance(sh, Circle):
            (x, y), r = pts([sh.centre])[0], sh.r * k
            d.ellipse((x - r, y - r, x + r, y + r), sh.fill, sh.stroke,
                      round(sh.width * k) if sh.stroke else 0)
        elif isinstance(sh, Line):
            line(sh.points, sh.stroke, sh.width, sh.dash)
        elif isinstance(sh, Label):
            x, y, w, h = pill_box(sh, CLIP_FONT_SIZE)
            if sh.target:
                line((leader_start(sh, (x, y, w, h)), sh.target), GUIDE, 2)
                (tx, ty), r = pts([sh.target])[0], 4 * k
                d.ellipse((tx - r, ty - r, tx + r, ty + r), PILL, TEXT, round(2 * k))
            d.rounded_rectangle(pts([(x, y), (x + w, y + h)]),
                                (h / 2 if len(sh.lines) == 1 else 10) * k, PILL, GUIDE, round(1.5 * k))
            line_h = CLIP_FONT_SIZE * LINE_H
            first = sh.centre[1] - (len(sh.lines) - 1) * line_h / 2
            for i, text in enumerate(sh.lines):
                d.text(pts([(sh.centre[0], first + i * line_h)])[0], text, TEXT, font, anchor="mm")
    return img.resize(size, Image.LANCZOS)


def encode(path, codec, options, container_options, frames, n_frames):
    """Encode every frame; single-threaded with bitexact muxing so reruns match."""
    import av

    with av.open(str(path), "w", container_options=container_options) as out:
        stream = out.add_stream(codec, rate=FPS, options=options)
        stream.width, stream.height, stream.pix_fmt = VIDEO_W, VIDEO_H, "yuv420p"
        stream.codec_context.thread_count = 1
        stream.codec_context.time_base = Fraction(1, FPS)
        for i in range(n_frames):
            # Convert here, single-threaded: swscale's default is one thread per CPU.
            frame = av.VideoFrame.from_image(rasterise(frames(i / FPS))).reformat(
                format="yuv420p", threads=1)
            frame.pts, frame.time_base = i, Fraction(1, FPS)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


# name -> (frames at time t, timing, captions)
CLIPS = {
    CLIP_STEM: (frame_shapes, HEEL_RAISE, captions),
    "seated-raise": (seated_frame_shapes, SEATED, seated_captions),
}


def write_clip(media_dir, stem=CLIP_STEM):
    media_dir.mkdir(parents=True, exist_ok=True)
    frames, timing, _ = CLIPS[stem]
    clip = {"frames": frames, "n_frames": timing.n_frames}
    bitexact = {"fflags": "+bitexact"}
    encode(media_dir / f"{stem}.mp4", "libx264",
           {"crf": "30", "preset": "slow", "tune": "animation", "profile": "high",
            # mbtree off: with it this x264 build gave a different stream now and then.
            "x264-params": "keyint=48:threads=1:mbtree=0"},
           {**bitexact, "movflags": "+faststart"}, **clip)
    encode(media_dir / f"{stem}.webm", "libvpx-vp9",
           {"crf": "42", "b": "0", "deadline": "good", "cpu-used": "4", "row-mt": "0",
            "g": "48"},
           bitexact, **clip)
    write_poster(media_dir, stem)


def write_poster(media_dir, stem=CLIP_STEM):
    """The clip's first frame, shown before it plays. As WebP: for these flat drawings about half
    the bytes of a JPEG of like quality (7 KB, not 16), on every first load of the clip's page."""
    frames = CLIPS[stem][0]
    rasterise(frames(0.0)).save(media_dir / f"{stem}.webp", quality=80, method=6)


def write_captions(media_dir):
    media_dir.mkdir(parents=True, exist_ok=True)
    for stem, (_, _, text) in CLIPS.items():
        (media_dir / f"{stem}.vtt").write_text(text(), encoding="utf-8", newline="\n")


def write_svgs(images_dir):
    images_dir.mkdir(parents=True, exist_ok=True)
    (images_dir / "soleus-anatomy.svg").write_text(anatomy_svg(), encoding="utf-8", newline="\n")
    for name, (title, desc, shapes) in {**exercise_pictures(), **seated_pictures()}.items():
        body = "\n".join(svg_shape(s) for s in shapes)
        (images_dir / f"{name}.svg").write_text(svg_document(name, title, desc, body),
                                                encoding="utf-8", newline="\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-video", action="store_true",
                        help="skip the mp4, webm and poster; the SVGs and captions "
                             "need nothing beyond Python")
    parser.add_argument("--images-dir", type=Path, default=IMAGES_DIR)
    parser.add_argument("--media-dir", type=Path, default=MEDIA_DIR)
    parser.add_argument("--clip", action="append", choices=sorted(CLIPS),
                        help="encode only this clip (may be given more than once); "
                             "default: all of them")
    args = parser.parse_args(argv)
    write_svgs(args.images_dir)
    write_captions(args.media_dir)
    if not args.no_video:
        for stem in args.clip or CLIPS:
            write_clip(args.media_dir, stem)


if __name__ == "__main__":
    main()
