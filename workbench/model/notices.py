"""Every sentence the workbench says about the stand-in and about installing the real model.

Wherever stand-in output appears (CLI, editor, every export) it is labelled as not a translation,
and wherever no real model is installed the user is told how to get one. Each place has its own
wording (a TMX note is not a terminal banner), but all of them are written here, from the same
commands and phrases, so they cannot drift apart.
"""

from __future__ import annotations

MODEL_NAME = "opus-mt-ar-en"
INSTALL = "workbench model install"
INSTALL_FROM_PATH = f"{INSTALL} --from PATH"
STANDIN = "workbench model standin"

#: The fix named by model errors (a directory missing or broken).
INSTALL_FIX = (
    f"run `{INSTALL}` (the real {MODEL_NAME}) or `{STANDIN}` "
    "(random weights of the same shape, for testing)"
)
#: How to get the real model where the hub cannot be reached.
INSTALL_HINT = (
    f"install the real one with `{INSTALL_FROM_PATH}` (a Hugging Face export "
    f"directory of Helsinki-NLP/{MODEL_NAME}, or the OPUS-MT zip opus-2019-12-18.zip)"
)
#: The command line's warning before translating with the stand-in.
STANDIN_BANNER = (
    f"STAND-IN MODEL: random weights with the shape of {MODEL_NAME}. Its English is NOT a "
    f"translation; install the real model with `{INSTALL_FROM_PATH}`."
)
#: Heads a plain-text export (txt, sbs) whose English includes stand-in MT.
STANDIN_NOTICE = (
    "[STAND-IN MODEL OUTPUT — NOT A TRANSLATION: machine text below comes from a model with "
    f"random weights; install the real {MODEL_NAME} with `{INSTALL}`]"
)
#: Why sentence alignment goes on without machine translation.
STANDIN_ALIGN_NOTE = (
    "only the stand-in model is installed (its output is not a translation): aligning "
    "without machine translation"
)


def standin_label(name: str, kind: str) -> str:
    """How a model that is not the real one is named wherever its output is shown."""
    return f"STAND-IN {name} ({kind}: random weights, output is not a translation)"


def standin_unit_note(kind: str | None) -> str:
    """The XML note on a unit whose English is MT from a model of ``kind`` that is not the real one."""
    return (
        f"STAND-IN MODEL OUTPUT ({kind}), NOT A TRANSLATION: this machine text comes from a model "
        f"that is not the real {MODEL_NAME}; install it with `{INSTALL}`"
    )


def standin_chosen(reason: str) -> str:
    """What ``workbench model ensure`` says when it falls back to the stand-in."""
    return (
        "using the STAND-IN model (random weights, output is not a translation): "
        f"{reason} and no real model is installed; {INSTALL_HINT}"
    )
