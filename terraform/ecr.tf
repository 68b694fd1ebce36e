# The Nautilus image (karaf-distribution/src/main/docker/Dockerfile). Release tags are immutable: a tag
# deployed by k8s/overlays/production always means the same image.
resource "aws_ecr_repository" "nautilus" {
  name                 = var.ecr_repository_name
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "nautilus" {
  repository = aws_ecr_repository.nautilus.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Untagged images (superseded build layers) go after 14 days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 14
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the 100 most recent tagged images (rollbacks)"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = 100
        }
        action = { type = "expire" }
      },
    ]
  })
}
