"""The engine's public API is what its docstring says: every exported name listed and documented."""

import inspect

import studytrack.engine as engine


def test_every_exported_name_is_listed_in_the_package_docstring():
    """``__all__`` and the docstring's list agree, and every exported name exists."""
    for name in engine.__all__:
        assert hasattr(engine, name), name
        assert f"\n    {name}" in engine.__doc__, f"{name} is missing from the docstring"


def test_every_public_function_and_class_says_what_it_is():
    """Each exported function and class has a docstring; each engine module has one on line 1."""
    for name in engine.__all__:
        value = getattr(engine, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert inspect.getdoc(value), f"{name} has no docstring"
    for module_name in (
        "calculus",
        "descent",
        "functions",
        "linear_model",
        "losses",
        "objective",
        "polynomials",
        "regression",
        "sweep",
    ):
        module = getattr(engine, module_name)
        source = inspect.getsource(module)
        assert source.startswith('"""'), module_name
