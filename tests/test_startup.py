"""What the console command does first (archgen.startup), seen from a new process."""

from __future__ import annotations

from tests.conftest import python_output

_STARTED = (
    "import re\ncompile = re.compile\n"
    "from archgen.startup import start_quickly\nstart_quickly()\nimport yaml\n"
    "reader = yaml.reader.Reader\n"
)


def test_a_document_is_read_without_compiling_what_libyaml_checks_itself() -> None:
    """PyYAML's pattern of forbidden characters is never searched; `re` is as it was."""
    code = _STARTED + (
        "from archgen.loader.yaml_positions import parse\n"
        "print(parse('a: [1, 2.5, true, null, x]', 'a.yaml').value)\n"
        "pattern = reader.NON_PRINTABLE  # a stand-in holds the compiled pattern once asked\n"
        "compiled = isinstance(pattern, re.Pattern) or '_compiled' in vars(pattern)\n"
        "print(compiled, re.compile is compile)\n"
    )
    assert python_output(code).splitlines() == [
        "{'a': [1, 2.5, True, None, 'x']}",
        "False True",
    ]


def test_the_pure_python_reader_still_refuses_what_yaml_forbids() -> None:
    """Where PyYAML has no libyaml, its reader searches the pattern, compiled then."""
    code = _STARTED + (
        "try:\n    yaml.load('a: b\\x07', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as error:\n"
        "    print(hex(error.character), error.position)\n"
        "print(yaml.load('a: \\u00e9', Loader=yaml.SafeLoader) == {'a': '\\u00e9'})\n"
        "from archgen.startup import _YAML_NON_PRINTABLE\n"
        "print(reader.NON_PRINTABLE.pattern == _YAML_NON_PRINTABLE)\n"
    )
    assert python_output(code).split() == ["0x7", "4", "True", "True"]
