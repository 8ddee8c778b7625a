"""argmap: map arguments and compare competing theses in the terminal."""

__version__ = "0.1.0"
