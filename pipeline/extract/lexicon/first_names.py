"""Common first names by gender, for speakers whose gender no title, role or pronoun gives.

A general lexicon (French, English and frequent international names in wire copy); names used for both
genders (Camille, Dominique, Claude, Alex, Jordan…) are left out on purpose: no guess is better than a wrong
one.
"""

from __future__ import annotations

FEMALE = frozenset(
    """
    Agnès Alice Aline Amélie Anna Anne Annick Annie Audrey Aurélie Barbara Béatrice Brigitte Carole Caroline
    Catherine Cécile Céline Chantal Charlotte Christine Claire Clara Colette Corinne Delphine Denise Diane
    Dominika Edith Élisabeth Elisabeth Élise Elise Elizabeth Emma Emmanuelle Estelle Évelyne Fabienne Florence
    Françoise Gabrielle Geneviève Hélène Hilde Inès Ingrid Irène Isabelle Jacqueline Jeanne Joëlle Josiane
    Julie Juliette Karine Katarina Katharina Kristina Laetitia Laure Laurence Léa Louise Lucie Lydie Madeleine
    Marie Marianne Marine Marion Marta Martine Mathilde Maud Mélanie Michèle Michelle Mireille Monique Muriel
    Nadia Nadine Nathalie Nicole Noémie Océane Odile Pascale Patricia Pauline Rachel Renée Sabine Sandrine
    Sarah Séverine Simone Simonetta Solange Sophie Stéphanie Suzanne Sylvie Thérèse Valérie Véronique Viola
    Virginie Yvonne Zoé Abigail Alexandra Alison Amanda Amy Andrea Angela Ann Ashley Betty Beverly Brenda
    Carol Carolyn Cheryl Christina Cynthia Deborah Debra Donna Doris Dorothy Elaine Ellen Emily Evelyn Fiona
    Frances Gloria Grace Hannah Heather Helen Janet Janice Jennifer Jessica Joan Joyce Judith Judy Karen
    Kathleen Kathryn Kathy Kelly Kimberly Kimba Laura Lauren Linda Lisa Lori Margaret Maria Marilyn Martha
    Mary Megan Melissa Nancy Olivia Pamela Penny Rebecca Rose Ruth Samantha Sandra Sharon Shirley Stephanie
    Susan Teresa Theresa Tina Ursula Victoria Virginia Wendy Angela Annalena Giorgia Ilaria Francesca Giulia
    Chiara Elena Ana Carmen Dolores Pilar Lucía Mercedes Ayesha Fatima Fatma Leila Yasmine Yasmina Amina
    Aisha Mariam Olena Oksana Natalia Natalya Svetlana Tatiana Yulia Irina Ekaterina Olga Marina Tsai Ying
    Kamala Nikki Hillary Liz Theresa Jacinda Mette Sanna Kaja Roberta Ursula Christine Kristalina Margrethe
    """.split()
)

MALE = frozenset(
    """
    Adrien Alain Albert Alexandre Alexis Alfred André Antoine Arnaud Arthur Baptiste Benjamin Benoît Bernard
    Bruno Charles Christian Christophe Clément Cyril Damien Daniel David Denis Didier Dimitri Emmanuel Éric
    Eric Étienne Fabien Fabrice Félix Florian François Frédéric Gabriel Gaël Georges Gérald Gérard Gilles
    Grégoire Guillaume Guy Henri Hervé Hugo Hugues Ignazio Jacques Jean Jean-Claude Jean-François Jean-Luc
    Jean-Marc Jean-Marie Jean-Michel Jean-Paul Jean-Pierre Jérôme Johan Jonathan Joseph Julien Kevin Laurent
    Léon Louis Luc Lucas Marc Marcel Mathieu Matthieu Maurice Maxime Michel Nicolas Olivier Pascal Patrick
    Paul Philippe Pierre Rémi Rémy René Richard Robert Roger Romain Samuel Sébastien Serge Stéphane Sylvain
    Thierry Thomas Théo Tristan Valentin Victor Vincent Xavier Yann Yves Zacharie Adam Alan Andrew Anthony
    Barry Benjamin Bill Billy Bob Brian Bruce Carl Chris Christopher Craig Dale Dan Dean Dennis Donald Doug
    Douglas Edward Frank Gary George Gerald Greg Gregory Harold Harry Henry Jack James Jason Jeff Jeffrey
    Jeremy Jerry Jim Joe John Johnny Jonathan Josh Joshua Justin Keith Ken Kenneth Kevin Larry Lawrence
    Mark Matthew Michael Mike Nathan Nick Nicholas Patrick Paul Peter Philip Ralph Raymond Rick Rob Robert
    Roger Ronald Roy Russell Ryan Scott Sean Simon Stephen Steve Steven Ted Terry Thomas Tim Timothy Todd
    Tom Tony Walter Wayne William Willie Boris Vladimir Dmitry Dmitri Sergei Sergey Volodymyr Oleksandr
    Andriy Mykhailo Viktor Igor Ivan Alexei Alexey Nikolai Yuri Olaf Friedrich Wolfgang Klaus Jürgen Hans
    Karl Franz Heinz Markus Matteo Giorgio Giuseppe Giovanni Luigi Mario Sergio Silvio Enrico Lorenzo
    Carlos José Juan Luis Manuel Miguel Pedro Pablo Jorge Javier Fernando Ricardo Antonio Francisco
    Emmanuel Ahmed Mohamed Mohammed Muhammad Mahmoud Ali Hassan Hussein Omar Youssef Recep Benjamin Naftali
    Xi Narendra Shinzo Fumio Yoshihide Moon Kim Rishi Keir Justin Joe Donald Barack Olaf Emmanuel Pedro
    Jens Ignazio Alain Alexander Godwin Tarun Junichiro Carlos Vladimir Hakan Tayyip Bashar Abdel Rami
    """.split()
)
