"""python -m argmap"""

from argmap.cli import main

main(prog_name="argmap")
