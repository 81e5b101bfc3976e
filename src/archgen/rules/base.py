"""What a rule is: metadata a reader can act on, and a check that yields issues."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar, TypeVar

from archgen.findings import Issue, Severity
from archgen.model.architecture import Architecture
from archgen.model.resources.base import ResourceBase, Suppression
from archgen.source import KeyPath

R = TypeVar("R", bound=ResourceBase)


class Rule(ABC):
    """A best-practice check; subclasses fill the metadata and implement `check`.

    Rules report where in the model (a resource and a field); the engine turns
    that into a file position, so no rule deals with lines and columns.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    rationale: ClassVar[str]
    remediation: ClassVar[str]
    mirrors: ClassVar[str]
    suppressible: ClassVar[bool] = True

    @abstractmethod
    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Yield an issue for every place the architecture breaks this rule."""

    def issue(
        self,
        resource: ResourceBase,
        message: str,
        *path: str | int,
        severity: Severity | None = None,
    ) -> Issue:
        """Return an issue on `resource`, located at its field `path` (or its key)."""
        return self.issue_at(
            ("resources", resource.id, *path), message, resource=resource.id, severity=severity
        )

    def flag_each(
        self,
        arch: Architecture,
        kind: type[R],
        broken: Callable[[R], bool],
        message: str,
        *path: str | int,
    ) -> Iterator[Issue]:
        """Yield `message` at field `path` of every resource of `kind` that is `broken`.

        Many rules judge one setting of one type, resource by resource; they state
        the test and the words, and this loop is written once.
        """
        for resource in arch.resources_of(kind):
            if broken(resource):
                yield self.issue(resource, message, *path)

    def issue_at(
        self,
        path: KeyPath,
        message: str,
        *,
        resource: str | None = None,
        severity: Severity | None = None,
    ) -> Issue:
        """Return an issue at any key path, e.g. a connection or a flow."""
        return Issue(
            rule=self.id,
            severity=severity or self.severity,
            resource=resource,
            path=path,
            message=message,
        )


class MetaRule(Rule):
    """A rule about the other rules' issues, such as suppressions that lapsed or match nothing.

    It has no view of its own on the model: the engine calls `review` with the
    issues of every other rule once they are known, and `check` finds nothing.
    """

    suppressible = False

    def check(self, arch: Architecture) -> Iterator[Issue]:
        """Find nothing: a meta rule speaks only in `review`."""
        return iter(())

    @staticmethod
    def suppressions(arch: Architecture) -> Iterator[tuple[ResourceBase, int, Suppression]]:
        """Yield each resource's suppressions with their index, the place a finding names."""
        for resource in arch.resources.values():
            for index, entry in enumerate(resource.suppress):
                yield resource, index, entry

    @abstractmethod
    def review(
        self, arch: Architecture, issues: Sequence[Issue], today: datetime.date
    ) -> Iterator[Issue]:
        """Yield issues about the other rules' `issues` on `arch`, as of `today`."""
