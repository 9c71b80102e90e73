"""``sourcecheck train``: a labeller model that has also learnt a journal's or a project's own
labelled references."""

from __future__ import annotations

import click

from sourcecheck.cli import UserError, cli


@cli.command("train")
@click.argument("labelled", nargs=-1, type=click.Path(exists=True, dir_okay=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Where to write the model (use it with --model or the 'model' setting).")
@click.option("--only", is_flag=True, help="Train on LABELLED alone, without the shipped training data.")
@click.option("--iterations", type=click.IntRange(1, 1000), default=None,
              help="L-BFGS iterations (default: as for the shipped model).")
def train_command(labelled: tuple[str, ...], output: str, only: bool, iterations: int | None) -> None:
    """Train the reference labeller on the shipped data plus LABELLED files.

    LABELLED files are AnyStyle XML (<dataset><sequence><author>…), GROBID TEI (<bibl>…) or
    the project's JSONL gold format (one {"text", "expected"} object a line). Training is
    deterministic and takes a few CPU-minutes.

    \b
    Example:
        sourcecheck train my-journal.xml -o my-journal.crfsuite
        sourcecheck --model my-journal.crfsuite check chapter.docx
    """
    from citations.tagger import corpus
    from citations.tagger.train import shipped_sequences, train

    if only and not labelled:
        raise UserError("--only needs at least one LABELLED file")
    say = lambda line: click.echo(line, err=True)  # noqa: E731
    try:
        if only:
            sequences = [seq for path in labelled for seq in corpus.read_sequences(path)]
        else:
            sequences = shipped_sequences(labelled, progress=say)
        params = {"max_iterations": iterations} if iterations else None
        summary = train(sequences, output, params=params, progress=say)
    except corpus.CorpusError as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
    click.echo(f"wrote {summary.path} from {summary.sequences:,} references ({summary.tokens:,} tokens) in {summary.seconds:.0f} s")
